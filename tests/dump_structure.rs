//! `jianbao render --dump-structure`: the tags, links and outline the page stage gives the PDF
//! writer, read from the CLI on the samples.

mod support;

use support::*;

/// The dump of a sample's structure.
fn dump(sample: &str) -> String {
    let dir = temp_dir(&format!("structure-{sample}"));
    let run = jianbao()
        .arg("render")
        .arg(root().join(format!("samples/{sample}.toml")))
        .arg("-o")
        .arg(dir.join("out.pdf"))
        .args(["-q", "--dump-structure"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    String::from_utf8(run.stdout).unwrap()
}

/// The dump's item lines as (kind, block, text), kind's first word only.
fn items(dump: &str) -> Vec<(String, String, String)> {
    dump.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let kind = words.next()?.to_string();
            let rest: Vec<&str> = words.collect();
            let at = rest.iter().position(|w| *w == "-" || w.starts_with('b'))?;
            Some((kind, rest[at].to_string(), rest[at + 1..].join(" ")))
        })
        .collect()
}

#[test]
fn a_table_sample_shows_headings_cells_artifacts_and_a_reference_link() {
    let d = dump("jianbao-table-2020-07");
    let outline: Vec<&str> = d
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("page "))
        .collect();
    assert_eq!(outline.len(), 2, "{outline:?}");
    assert!(
        outline[0].starts_with("  上半年各地会员发展"),
        "{outline:?}"
    );
    assert!(
        outline[1].starts_with("    一、下一步工作 (p3"),
        "{outline:?}"
    );
    let items = items(&d);
    let has = |kind: &str, text: &str| items.iter().any(|(k, _, t)| k == kind && t == text);
    assert!(has("H1", "上半年各地会员发展和质量活动情况"), "{d}");
    assert!(has("H2", "一、下一步工作"), "{d}");
    assert!(has("TH", "地区") && has("TD", "北京"), "{d}");
    assert!(d.contains("  TD r1 c0 "), "{d}");
    assert!(
        has("Caption", "表12020年上半年各地会员发展和质量活动情况"),
        "{d}"
    );
    // On a continuation page the 续表 line and the repeated header row are pagination
    // artifacts: a screen reader hears the caption and each header cell once.
    assert!(has("Artifact/Pagination", "续表1"), "{d}");
    assert!(has("Artifact/Pagination", "地区"), "{d}");
    // The masthead's rule is decoration; the table's rules belong to the table's block.
    assert!(items
        .iter()
        .any(|(k, b, _)| k == "Artifact/Layout" && b == "-"));
    assert!(items
        .iter()
        .any(|(k, b, _)| k == "Artifact/Layout" && b == "b3"));
    // 见表{ref:members}: the number links to the table on page 1.
    assert!(d.contains("    link “1” → p1 y "), "{d}");
}

#[test]
fn figures_have_their_captions_as_alt_text_and_running_heads_are_artifacts() {
    let d = dump("cqa-2020-03-10");
    let figures: Vec<&str> = d.lines().filter(|l| l.contains("(image)")).collect();
    assert_eq!(figures.len(), 5, "{d}");
    for f in figures {
        assert!(f.trim_start().starts_with("Figure"), "{f}");
        assert!(f.contains("alt “图"), "{f}");
    }
    let items = items(&d);
    assert!(items
        .iter()
        .any(|(k, _, t)| k == "Artifact/Pagination" && t == "中国质量协会宣传部"));
    // No pagination artifact is a link or a heading.
    assert!(items
        .iter()
        .filter(|(k, ..)| k == "Artifact/Pagination")
        .all(|(_, b, _)| b == "-"));
}

#[test]
fn list_items_are_labels_and_bodies() {
    let d = dump("styled-text");
    let items = items(&d);
    let list: Vec<(&str, &str)> = items
        .iter()
        .filter(|(k, ..)| k == "Lbl" || k == "LBody")
        .map(|(k, _, t)| (k.as_str(), t.as_str()))
        .take(3)
        .collect();
    assert_eq!(list[0], ("Lbl", "1."));
    assert_eq!(list[1].0, "LBody");
    assert!(list[1].1.starts_with("加强质量基础设施建设"), "{list:?}");
    assert!(d.contains("  Lbl i2 "), "{d}");
}

#[test]
fn the_dump_cannot_share_stdout_with_the_pdf() {
    let run = jianbao()
        .arg("render")
        .arg(root().join("samples/styled-text.toml"))
        .args(["-o", "-", "--dump-structure"])
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("--dump-structure"),
        "{}",
        stderr(&run)
    );
}

/// A row of photos whose captions take two lines each: the lines are drawn across the row, and
/// each photo's caption is a part of its own (`Caption p2`), whose lines read in order.
#[test]
fn a_row_of_photos_tags_each_caption_as_its_own_part() {
    let d = dump("photo-row-2020-04");
    let mut parts: std::collections::BTreeMap<String, String> = Default::default();
    for line in d.lines() {
        let Some(rest) = line.trim_start().strip_prefix("Caption p") else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let part = words.next().unwrap();
        let block = words.next().unwrap();
        let part = format!("{block} p{part}");
        let text: String = words.collect();
        parts.entry(part).or_default().push_str(&text);
    }
    let captions: Vec<&String> = parts.values().collect();
    for want in ["图2班组长介绍防错装置", "图3班组长讲解问题记录表"] {
        assert!(
            captions.iter().any(|c| *c == want),
            "{want} in {captions:?}"
        );
    }
}
