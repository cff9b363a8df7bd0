//! Chunk merging (added for the Coremail portal; not in upstream 0.2.4).
//!
//! Upstream puts every function reachable from more than one split point into
//! a chunk per *set* of split points that reaches it. With 15 split points
//! that made 296 chunks, two thirds of them under 300 bytes compressed: each
//! costs a request, a module header, an import section, and an entry with a
//! 256-bit digest in the loader that every page downloads.
//!
//! This pass merges chunks greedily while it pays: merging chunk A (needed by
//! the split points S_A) with chunk B (S_B) gives one chunk needed by
//! S_A ∪ S_B. Each split point in S_B \ S_A then loads A's bytes too (and the
//! other way round); every split point in S_A ∩ S_B saves one module's
//! overhead, and every page saves one loader entry. The pair with the largest
//! saving is merged first, until no merge saves anything.
//!
//! Why it is sound: the painter colours a symbol with the set of split points
//! that reach it, and a callee's set contains its caller's. Merging only ever
//! grows a symbol's set, so whenever split point s runs code, every symbol
//! that code can reach is in a module that s loads. Nothing else depends on
//! the assignment until it is made: shared deps, the reverse lookup and the
//! data fragments are all computed from the merged modules afterwards.
use std::collections::{BTreeSet, HashMap};

use super::{OutputModuleInfo, SplitModuleIdentifier};
use crate::dep_graph::DepNode;
use crate::read::InputModule;

/// Cost model, in bytes of the input (pre-optimisation) wasm.
#[derive(Debug, Clone, Copy)]
pub struct MergeOptions {
    /// What loading one more module costs a page beyond its code: request,
    /// module header, type and import sections, compression framing.
    pub module_overhead: u64,
    /// What one chunk costs every page in the loader (its name and digest).
    pub loader_entry: u64,
}

pub(crate) fn estimated_size(
    module: &InputModule,
    info: &OutputModuleInfo,
    data_sizes: &HashMap<usize, u64>,
) -> u64 {
    let imported = module.imported_funcs.len();
    info.included_symbols
        .iter()
        .map(|dep| match *dep {
            DepNode::Function(id) if id >= imported => {
                let range = module.defined_funcs[id - imported].body.range();
                range.end - range.start
            }
            DepNode::DataSymbol(symbol) => data_sizes.get(&symbol).copied().unwrap_or(0),
            _ => 0,
        })
        .sum()
}

pub(crate) fn merge_chunks(
    module: &InputModule,
    contents: &mut HashMap<SplitModuleIdentifier, OutputModuleInfo>,
    options: MergeOptions,
) {
    let data_sizes: HashMap<usize, u64> = module
        .reloc_info
        .data_symbols
        .iter()
        .map(|symbol| (symbol.symbol_index, symbol.range.end - symbol.range.start))
        .collect();
    // Split point names → bit positions (all split points that own a chunk).
    let mut names: BTreeSet<String> = BTreeSet::new();
    for id in contents.keys() {
        if let SplitModuleIdentifier::Chunk(set) = id {
            names.extend(set.iter().cloned());
        }
    }
    if names.len() > 128 {
        return; // the bit sets below hold 128 split points; leave larger programs alone
    }
    let bit: HashMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u32))
        .collect();
    let mask = |set: &BTreeSet<String>| set.iter().fold(0u128, |m, n| m | 1u128 << bit[n.as_str()]);

    // Sorted: `contents` is a HashMap, and the plan must not depend on its
    // iteration order (the build must give the same files every time).
    let mut sets: Vec<BTreeSet<String>> = contents
        .keys()
        .filter_map(|id| match id {
            SplitModuleIdentifier::Chunk(set) => Some(set.clone()),
            _ => None,
        })
        .collect();
    sets.sort();
    let mut infos: Vec<Option<OutputModuleInfo>> = sets
        .iter()
        .map(|set| contents.remove(&SplitModuleIdentifier::Chunk(set.clone())))
        .collect();
    let costs: Vec<(u128, u64)> = sets
        .iter()
        .zip(&infos)
        .map(|(set, info)| {
            let size = info
                .as_ref()
                .map_or(0, |info| estimated_size(module, info, &data_sizes));
            (mask(set), size)
        })
        .collect();
    let groups = plan(&costs, names.len() as u32, options);
    tracing::debug!(before = sets.len(), after = groups.len(), "merged chunks");
    for group in groups {
        let mut set = BTreeSet::new();
        let mut merged = OutputModuleInfo::default();
        for index in group {
            set.extend(sets[index].iter().cloned());
            if let Some(info) = infos[index].take() {
                merged.included_symbols.extend(info.included_symbols);
            }
        }
        contents.insert(SplitModuleIdentifier::Chunk(set), merged);
    }
}

/// The greedy plan: which chunks (given as (set of split points, size)) end up
/// together. Every input index appears in exactly one group; a group's chunk is
/// needed by the union of its members' sets.
pub(crate) fn plan(chunks: &[(u128, u64)], pages: u32, options: MergeOptions) -> Vec<Vec<usize>> {
    let mut live: Vec<(u128, u64, Vec<usize>)> = chunks
        .iter()
        .enumerate()
        .map(|(i, &(set, size))| (set, size, vec![i]))
        .collect();
    let pages = i128::from(pages);
    loop {
        let mut best: Option<(i128, usize, usize)> = None;
        for a in 0..live.len() {
            for b in a + 1..live.len() {
                let (sa, za, _) = &live[a];
                let (sb, zb, _) = &live[b];
                let only_b = i128::from((sb & !sa).count_ones());
                let only_a = i128::from((sa & !sb).count_ones());
                let both = i128::from((sa & sb).count_ones());
                let delta = only_b * i128::from(*za) + only_a * i128::from(*zb)
                    - both * i128::from(options.module_overhead)
                    - pages * i128::from(options.loader_entry);
                // Ties go to the pair found first: the plan is deterministic.
                if best.is_none_or(|(d, _, _)| delta < d) {
                    best = Some((delta, a, b));
                }
            }
        }
        match best {
            Some((delta, a, b)) if delta < 0 => {
                let (sb, zb, members) = live.swap_remove(b); // b > a: a stays put
                let into = &mut live[a];
                into.0 |= sb;
                into.1 += zb;
                into.2.extend(members);
            }
            _ => break,
        }
    }
    live.into_iter().map(|(_, _, members)| members).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTIONS: MergeOptions = MergeOptions {
        module_overhead: 250,
        loader_entry: 150,
    };

    fn sorted(mut groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
        for g in &mut groups {
            g.sort();
        }
        groups.sort();
        groups
    }

    #[test]
    fn tiny_chunks_of_the_same_pages_merge() {
        // {a,b} and {a,b,c}, 40 bytes each: c loads 40 bytes more, a and b save a module.
        let groups = plan(&[(0b011, 40), (0b111, 40)], 3, OPTIONS);
        assert_eq!(sorted(groups), vec![vec![0, 1]]);
    }

    #[test]
    fn large_chunks_of_different_pages_stay_apart() {
        // {a,b} and {c,d}, 20 KB each: merging would make four pages load 20 KB more.
        let groups = plan(&[(0b0011, 20_000), (0b1100, 20_000)], 4, OPTIONS);
        assert_eq!(sorted(groups), vec![vec![0], vec![1]]);
    }

    #[test]
    fn without_costs_nothing_merges() {
        let none = MergeOptions {
            module_overhead: 0,
            loader_entry: 0,
        };
        let groups = plan(&[(0b011, 1), (0b110, 1), (0b101, 1)], 3, none);
        assert_eq!(groups.len(), 3);
    }

    #[test]
    fn every_chunk_lands_in_exactly_one_group() {
        let chunks: Vec<(u128, u64)> = (1u128..64)
            .map(|set| (set, (set as u64 * 37) % 900))
            .collect();
        let groups = plan(&chunks, 6, OPTIONS);
        let mut seen: Vec<usize> = groups.concat();
        seen.sort();
        assert_eq!(seen, (0..chunks.len()).collect::<Vec<_>>());
        assert!(groups.len() < chunks.len(), "small chunks should merge");
    }
}
