//! The macro the catalogue is written with (see docs/messages-zh.md).

/// Declares messages: for each, a function in the area's `msg` module that makes the
/// [`Message`](crate::messages::Message) in this run's language, and an
/// [`Entry`](crate::messages::Entry) in the area's `ENTRIES` for the tests.
///
/// ```text
/// catalogue! {
///     /// What the message is about (shown in rustdoc).
///     unknown_key(key, table) {
///         en: "unknown key `{key}`{table}",
///         zh: "未知的键 `{key}`{table}",
///     }
/// }
/// ```
///
/// The texts are `format!` strings whose named arguments are the message's: each must use
/// every argument (the compiler says so otherwise). `zh:` may be left out while a translation
/// is pending; the test `every_message_has_chinese` then fails and names the message.
macro_rules! catalogue {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident($($arg:ident),* $(,)?) {
            en: $en:literal
            $(, zh: $zh:literal)?
            $(,)?
        }
    )*) => {
        /// The messages of this area, one function each.
        pub mod msg {
            $(
                $(#[doc = $doc])*
                #[allow(clippy::useless_format, clippy::too_many_arguments)]
                pub fn $name($($arg: impl std::fmt::Display),*) -> $crate::messages::Message {
                    let zh: Option<String> = match $crate::messages::lang() {
                        $crate::messages::Lang::Zh => catalogue!(@text [$($zh)?] [$($arg),*]),
                        $crate::messages::Lang::En => None,
                    };
                    $crate::messages::Message {
                        code: stringify!($name),
                        text: zh.unwrap_or_else(|| format!($en $(, $arg = $arg)*)),
                    }
                }
            )*
        }

        /// This area's catalogue as written.
        pub static ENTRIES: &[$crate::messages::Entry] = &[$(
            $crate::messages::Entry {
                code: stringify!($name),
                args: &[$(stringify!($arg)),*],
                en: $en,
                zh: catalogue!(@opt [$($zh)?]),
            }
        ),*];
    };
    (@text [$zh:literal] [$($arg:ident),*]) => { Some(format!($zh $(, $arg = $arg)*)) };
    (@text [] [$($arg:ident),*]) => { None };
    (@opt [$zh:literal]) => { Some($zh) };
    (@opt []) => { None };
}
