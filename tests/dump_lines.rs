//! Snapshot tests of `jianbao render --dump-lines`: every set line of the samples with its
//! break reason, adjustment ratio and largest gap. A change to the line breaker shows up here as
//! a readable diff. After checking that a change is an improvement, regenerate with
//!
//! ```
//! UPDATE_SNAPSHOTS=1 cargo test --test dump_lines
//! ```

mod support;

use support::*;

fn check(sample: &str) {
    let dir = temp_dir(&format!("dump-{sample}"));
    let run = jianbao()
        .arg("render")
        .arg(root().join(format!("samples/{sample}.toml")))
        .arg("-o")
        .arg(dir.join("out.pdf"))
        .args(["-q", "--dump-lines"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let got = String::from_utf8(run.stdout).unwrap();
    let path = root().join(format!("tests/data/dump-lines/{sample}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if got != want {
        let diff: Vec<String> = want
            .lines()
            .zip(got.lines())
            .enumerate()
            .filter(|(_, (w, g))| w != g)
            .take(10)
            .map(|(i, (w, g))| format!("line {}:\n  - {w}\n  + {g}", i + 1))
            .collect();
        panic!(
            "--dump-lines of {sample} changed ({} lines, was {}):\n{}\nregenerate with UPDATE_SNAPSHOTS=1 if this is intended",
            got.lines().count(),
            want.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn seed_lines() {
    check("cqa-2020-03-10");
}

#[test]
fn punctuation_dense_lines() {
    check("punctuation-dense");
}

#[test]
fn latin_mixed_lines() {
    check("latin-mixed");
}

/// The long mixed sample written for issue 10 (justification of Chinese with Latin words).
#[test]
fn tech_mixed_lines() {
    check("tech-mixed");
}
