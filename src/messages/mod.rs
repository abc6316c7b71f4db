//! Every message a user reads, in English and in Chinese (zh-CN), in one catalogue.
//!
//! A message is a function of [`msg`]: `msg::unknown_key(key, table)` returns a [`Message`] with
//! a stable `code` (the function's name, printed by `--message-format json` whatever the
//! language) and its text in the language of this run. The catalogue is written with the
//! [`catalogue!`] macro, one file per area (`toml.rs`, `files.rs`, …), so that engineers adding
//! messages in parallel touch different files.
//!
//! Why a macro over a small table rather than fluent or rust-i18n: the texts are `format!`
//! strings with named arguments, so the compiler checks that each language's text uses exactly
//! the message's arguments (a placeholder missing from the Chinese text, or one the English text
//! does not have, does not build), every call passes them all, and no file is read at run time.
//! A message written without its Chinese text still builds (an engineer without Chinese can add
//! one) but the test `every_message_has_chinese` names it, so it is found by a test and never by
//! a user. How to add a message: docs/messages-zh.md.
//!
//! The language is one value for the whole process, settled by the command line before
//! anything else runs ([`set_lang`]; [`Lang::from_env`] reads `JIANBAO_LANG` and the locale),
//! because messages are made deep in the pipeline (a serde error inside a layout) where no
//! parameter reaches. Library users who never set it get English.

use std::sync::atomic::{AtomicU8, Ordering};

#[macro_use]
mod catalogue;
mod batch;
mod cli;
mod files;
mod fonts;
pub mod help;
mod input;
mod layout;
mod page;
mod pdf;
mod preview;
mod tables;
mod toml;

pub use layout::noun;
pub use toml::TOML_PHRASES;

/// The languages messages are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message made from now on.
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are made in (English unless [`set_lang`] said otherwise).
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::Zh,
        _ => Lang::En,
    }
}

impl Lang {
    /// `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh_TW` → Chinese; `en`, `en_US.UTF-8`, `C`, `POSIX` →
    /// English; anything else (empty, `fr_FR`) is no choice.
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Lang::Zh)
        } else if t.starts_with("en") || t == "c" || t.starts_with("c.") || t == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the environment asks for: `JIANBAO_LANG` (`zh` or `en`) first, then the
    /// locale as POSIX reads it — the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` decides, and
    /// only a locale starting with `zh` gives Chinese. English when nothing says otherwise.
    pub fn from_env(var: &dyn Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = var("JIANBAO_LANG").and_then(|v| Lang::parse(&v)) {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.trim().is_empty()));
        match locale {
            Some(l) if l.trim().to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }
}

/// A message as made for the user: its stable code and its text in this run's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The catalogue's name for the message (`unknown_key`); empty for text that does not come
    /// from the catalogue (a library's own error text).
    pub code: &'static str,
    pub text: String,
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<Message> for String {
    fn from(m: Message) -> String {
        m.text
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message { code: "", text }
    }
}

impl From<&String> for Message {
    fn from(text: &String) -> Message {
        Message::from(text.clone())
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::from(text.to_string())
    }
}

/// One catalogue entry as written: for the tests and the documentation.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub code: &'static str,
    pub args: &'static [&'static str],
    pub en: &'static str,
    pub zh: Option<&'static str>,
}

/// Every message, area by area.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    [
        toml::ENTRIES,
        files::ENTRIES,
        fonts::ENTRIES,
        input::ENTRIES,
        layout::ENTRIES,
        page::ENTRIES,
        pdf::ENTRIES,
        preview::ENTRIES,
        tables::ENTRIES,
        batch::ENTRIES,
        cli::ENTRIES,
        help::ENTRIES,
    ]
    .into_iter()
    .flatten()
}

/// The messages, one function each (`msg::unknown_key(key, table)`).
pub mod msg {
    pub use super::batch::msg::*;
    pub use super::cli::msg::*;
    pub use super::files::msg::*;
    pub use super::fonts::msg::*;
    pub use super::help::msg::*;
    pub use super::input::msg::*;
    pub use super::layout::msg::*;
    pub use super::page::msg::*;
    pub use super::pdf::msg::*;
    pub use super::preview::msg::*;
    pub use super::tables::msg::*;
    pub use super::toml::msg::*;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    /// The `{name}` placeholders of a format string (`{{` is a brace, not a placeholder).
    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text.replace("{{", "").replace("}}", "");
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            let inner = &rest[open + 1..close];
            out.insert(inner.split(':').next().unwrap_or("").to_string());
            rest = rest[close.min(rest.len() - 1) + 1..].to_string();
        }
        out
    }

    #[test]
    fn every_message_has_chinese() {
        let missing: Vec<&str> = entries()
            .filter(|e| e.zh.is_none_or(|zh| zh.trim().is_empty()))
            .map(|e| e.code)
            .collect();
        assert!(
            missing.is_empty(),
            "messages without a Chinese text (add `zh:` in src/messages/, see docs/messages-zh.md): {missing:?}"
        );
    }

    #[test]
    fn placeholders_match_between_languages_and_arguments() {
        for e in entries() {
            let args: BTreeSet<String> = e.args.iter().map(|a| a.to_string()).collect();
            assert_eq!(placeholders(e.en), args, "{}: English text", e.code);
            if let Some(zh) = e.zh {
                assert_eq!(placeholders(zh), args, "{}: Chinese text", e.code);
            }
        }
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = HashSet::new();
        for e in entries() {
            assert!(seen.insert(e.code), "two messages named {}", e.code);
        }
    }

    #[test]
    fn chinese_texts_are_chinese() {
        // A Chinese text that is the English one copied (or has no Chinese character at all)
        // is a translation left undone.
        for e in entries() {
            if let Some(zh) = e.zh {
                // (An English text that is Chinese already, a term such as 签名章, may stay.)
                let en_has_chinese = e.en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                if !en_has_chinese {
                    assert_ne!(zh, e.en, "{}: Chinese text is the English one", e.code);
                }
                // Chinese characters, or at least full-width punctuation (`{path}：{error}`).
                let chinese = |c: char| {
                    ('\u{4e00}'..='\u{9fff}').contains(&c)
                        || ('\u{3000}'..='\u{303f}').contains(&c)
                        || ('\u{ff00}'..='\u{ffef}').contains(&c)
                };
                assert!(
                    zh.chars().any(chinese),
                    "{}: Chinese text without Chinese: {zh}",
                    e.code
                );
            }
        }
    }

    #[test]
    fn language_from_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env(&env(&[])), Lang::En);
        assert_eq!(Lang::from_env(&env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_env(&env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        // LC_ALL wins over LANG, LC_MESSAGES over LANG; an empty one does not count.
        assert_eq!(
            Lang::from_env(&env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(&env(&[("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "C")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_env(&env(&[("LC_ALL", ""), ("LANG", "zh_CN")])),
            Lang::Zh
        );
        // JIANBAO_LANG wins over the locale.
        assert_eq!(
            Lang::from_env(&env(&[("JIANBAO_LANG", "en"), ("LC_ALL", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(&env(&[("JIANBAO_LANG", "zh"), ("LANG", "en_US")])),
            Lang::Zh
        );
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr_FR"), None);
    }
}
