//! `--shard`: one of N machines renders its share of the inputs.
//!
//! The inputs are sorted by their output path (unique within a run, and the same on every
//! machine whatever order the command line names things in, and wherever the files are
//! mounted), and shard K of N takes every N-th of them starting at the K-th. So the N shards are
//! disjoint, together cover every input exactly once, and differ in size by at most one.
//!
//! `--shard auto` reads the index from the scheduler: Kubernetes Indexed Jobs set
//! `JOB_COMPLETION_INDEX` (0-based); Slurm job arrays set `SLURM_ARRAY_TASK_ID` (with
//! `SLURM_ARRAY_TASK_MIN`/`_STEP`, so an array `1-8` or `0-14:2` works too). The count comes from
//! `auto/N`, else `JIANBAO_SHARDS`, else `SLURM_ARRAY_TASK_COUNT`.

use crate::messages::msg;
use std::str::FromStr;

/// What `--shard` said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShardArg {
    /// `K/N`, K counted from 1.
    Fixed { index: u32, count: u32 },
    /// `auto` or `auto/N`.
    Auto { count: Option<u32> },
}

impl FromStr for ShardArg {
    type Err = String;

    fn from_str(s: &str) -> Result<ShardArg, String> {
        let usage = || msg::not_a_shard(s).text;
        let (k, n) = match s.split_once('/') {
            Some((k, n)) => (k.trim(), Some(n.trim())),
            None => (s.trim(), None),
        };
        let count = match n {
            Some(n) => match n.parse::<u32>() {
                Ok(n) if n >= 1 => Some(n),
                _ => return Err(usage()),
            },
            None => None,
        };
        if k == "auto" {
            return Ok(ShardArg::Auto { count });
        }
        let (Ok(index), Some(count)) = (k.parse::<u32>(), count) else {
            return Err(usage());
        };
        if index == 0 || index > count {
            return Err(msg::shard_range(index, count).text);
        }
        Ok(ShardArg::Fixed { index, count })
    }
}

/// A resolved shard: `index` from 1 to `count`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
    /// Where the index came from (`--shard`, `JOB_COMPLETION_INDEX`, …), for messages.
    pub from: String,
}

/// Resolves `--shard` against the environment (`env` looks a variable up).
pub fn resolve(arg: ShardArg, env: &dyn Fn(&str) -> Option<String>) -> Result<Shard, String> {
    let (count_arg, index0, from) = match arg {
        ShardArg::Fixed { index, count } => {
            return Ok(Shard {
                index,
                count,
                from: "--shard".into(),
            })
        }
        ShardArg::Auto { count } => {
            let number = |var: &str| -> Result<Option<u64>, String> {
                match env(var) {
                    None => Ok(None),
                    Some(v) => v
                        .trim()
                        .parse::<u64>()
                        .map(Some)
                        .map_err(|_| msg::shard_var_not_number(var, &v).text),
                }
            };
            if let Some(i) = number("JOB_COMPLETION_INDEX")? {
                (count, i, "JOB_COMPLETION_INDEX".to_string())
            } else if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
                let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
                let step = number("SLURM_ARRAY_TASK_STEP")?.unwrap_or(1).max(1);
                if id < min || (id - min) % step != 0 {
                    return Err(msg::slurm_off_grid(id, min, step).text);
                }
                let slurm_count = number("SLURM_ARRAY_TASK_COUNT")?.map(|c| c as u32);
                (
                    count.or(slurm_count),
                    (id - min) / step,
                    "SLURM_ARRAY_TASK_ID".to_string(),
                )
            } else {
                return Err(msg::shard_no_index().text);
            }
        }
    };
    let count = match count_arg {
        Some(n) => n,
        None => match env("JIANBAO_SHARDS") {
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if n >= 1 => n,
                _ => return Err(msg::shards_not_positive(v).text),
            },
            None => return Err(msg::shard_count_unknown(from).text),
        },
    };
    if index0 >= count as u64 {
        return Err(msg::shard_beyond(from, index0 + 1, count).text);
    }
    Ok(Shard {
        index: index0 as u32 + 1,
        count,
        from,
    })
}

/// The items of this shard, in their original order. `key` must be unique per item and not
/// depend on the command line's order.
pub fn select<T>(items: Vec<T>, shard: &Shard, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut order: Vec<(String, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item), i))
        .collect();
    order.sort();
    let mut mine = vec![false; items.len()];
    for (rank, (_, i)) in order.iter().enumerate() {
        mine[*i] = rank as u64 % shard.count as u64 == (shard.index - 1) as u64;
    }
    items
        .into_iter()
        .zip(mine)
        .filter_map(|(item, keep)| keep.then_some(item))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn resolve_with(arg: &str, vars: &[(&str, &str)]) -> Result<(u32, u32), String> {
        resolve(arg.parse()?, &env_of(vars)).map(|s| (s.index, s.count))
    }

    #[test]
    fn parses_fixed_and_auto() {
        assert_eq!("2/5".parse(), Ok(ShardArg::Fixed { index: 2, count: 5 }));
        assert_eq!("auto".parse(), Ok(ShardArg::Auto { count: None }));
        assert_eq!("auto/4".parse(), Ok(ShardArg::Auto { count: Some(4) }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "auto/0", ""] {
            assert!(bad.parse::<ShardArg>().is_err(), "{bad}");
        }
    }

    #[test]
    fn kubernetes_index_is_zero_based() {
        assert_eq!(
            resolve_with(
                "auto",
                &[("JOB_COMPLETION_INDEX", "0"), ("JIANBAO_SHARDS", "3")]
            ),
            Ok((1, 3))
        );
        assert_eq!(
            resolve_with("auto/3", &[("JOB_COMPLETION_INDEX", "2")]),
            Ok((3, 3))
        );
        let err = resolve_with("auto", &[("JOB_COMPLETION_INDEX", "1")]).unwrap_err();
        assert!(err.contains("JIANBAO_SHARDS"), "{err}");
        let err = resolve_with("auto/2", &[("JOB_COMPLETION_INDEX", "2")]).unwrap_err();
        assert!(err.contains("only 2 shards"), "{err}");
    }

    #[test]
    fn slurm_arrays_of_any_range() {
        let slurm = |id, min, step, count| {
            resolve_with(
                "auto",
                &[
                    ("SLURM_ARRAY_TASK_ID", id),
                    ("SLURM_ARRAY_TASK_MIN", min),
                    ("SLURM_ARRAY_TASK_STEP", step),
                    ("SLURM_ARRAY_TASK_COUNT", count),
                ],
            )
        };
        assert_eq!(slurm("0", "0", "1", "4"), Ok((1, 4)));
        assert_eq!(slurm("4", "1", "1", "4"), Ok((4, 4)));
        assert_eq!(slurm("6", "2", "2", "3"), Ok((3, 3)));
        assert!(slurm("5", "2", "2", "3").is_err());
        assert!(resolve_with("auto", &[]).unwrap_err().contains("neither"));
    }

    #[test]
    fn shards_partition_the_inputs_whatever_their_order() {
        let names: Vec<String> = (0..23).map(|i| format!("b{i:02}.pdf")).collect();
        let mut reversed = names.clone();
        reversed.reverse();
        let mut seen = Vec::new();
        for k in 1..=4 {
            let shard = Shard {
                index: k,
                count: 4,
                from: String::new(),
            };
            let a = select(names.clone(), &shard, |s| s.clone());
            let mut b = select(reversed.clone(), &shard, |s| s.clone());
            b.reverse();
            assert_eq!(a, b, "shard {k} depends on the order");
            assert!(a.len() == 5 || a.len() == 6, "{}", a.len());
            seen.extend(a);
        }
        seen.sort();
        assert_eq!(seen, names);
    }
}
