//! 管理员社区: which threads a search finds, and the checks of an attachment
//! list by name (the feedback form's).
//!
//! # What a search finds
//!
//! The words of a query are the knowledge-base search's
//! ([`crate::search::query_words`]: text normalised, 全角 → 半角 and ASCII
//! lower case, cut into CJK runs and Latin words or codes), and a word
//! stands in a thread as it does in an article: a CJK word as a contiguous
//! run of its characters within one field (never across punctuation, nor
//! split between two fields), a Latin word or code only whole (`535` does
//! not find `15535`). A thread is searched in both languages at once
//! (title, question, every answer, tags), so a Chinese query finds a thread
//! on the English page and an English code the Chinese one.
//!
//! A hit holds every word. Only when no thread does, and the query has more
//! than one word, the threads holding some of the words are returned,
//! marked [`ThreadsFound::partial`]. Hits with more words in the title come
//! first; otherwise the file's order (newest first) stands.
//!
//! The threads are few (a page of them, not a corpus), so each search reads
//! every field: no index, and nothing of the KB's engine is loaded.

use crate::model::Thread;
use crate::search::{index_terms, normalise, query_words, QueryWord};

/// What a search of the threads found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThreadsFound {
    /// Indices into the threads, best first.
    pub hits: Vec<usize>,
    /// No thread holds every word: these hold some.
    pub partial: bool,
}

/// One field of a thread, normalised once, with its Latin terms.
struct Field {
    text: String,
    terms: Vec<String>,
}

impl Field {
    fn new(text: &str) -> Field {
        Field {
            text: normalise(text),
            terms: index_terms(text),
        }
    }

    fn holds(&self, word: &QueryWord) -> bool {
        let latin = word.text.starts_with(|c: char| c.is_ascii_alphanumeric());
        if latin {
            self.terms.contains(&word.text)
        } else {
            self.text.contains(&word.text)
        }
    }
}

/// A thread's fields: its titles first (one or two), then the rest.
fn fields(t: &Thread) -> Vec<Field> {
    let mut texts: Vec<&str> = vec![&t.title.zh];
    texts.extend(t.title.en.as_deref());
    texts.push(&t.question.zh);
    texts.extend(t.question.en.as_deref());
    for a in &t.answers {
        texts.push(&a.text.zh);
        texts.extend(a.text.en.as_deref());
    }
    for tag in &t.tags {
        texts.push(&tag.zh);
        texts.extend(tag.en.as_deref());
    }
    texts.into_iter().map(Field::new).collect()
}

/// The threads `query` finds, best first. An empty query (or one of only
/// spaces and punctuation) finds every thread, in the file's order.
pub fn search_threads(threads: &[Thread], query: &str) -> ThreadsFound {
    let words = query_words(query);
    if words.is_empty() {
        return ThreadsFound {
            hits: (0..threads.len()).collect(),
            partial: false,
        };
    }
    // (index, words held, words held in a title)
    let scored: Vec<(usize, usize, usize)> = threads
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let fields = fields(t);
            let titles = 1 + usize::from(t.title.en.is_some());
            let held = words
                .iter()
                .filter(|w| fields.iter().any(|f| f.holds(w)))
                .count();
            let in_title = words
                .iter()
                .filter(|w| fields[..titles].iter().any(|f| f.holds(w)))
                .count();
            (i, held, in_title)
        })
        .collect();
    let all: Vec<_> = scored
        .iter()
        .filter(|s| s.1 == words.len())
        .copied()
        .collect();
    let (mut found, partial) = if !all.is_empty() || words.len() == 1 {
        (all, false)
    } else {
        (scored.into_iter().filter(|s| s.1 > 0).collect(), true)
    };
    // Stable: equal scores keep the file's order.
    found.sort_by_key(|s| std::cmp::Reverse((s.1, s.2)));
    let partial = partial && !found.is_empty();
    ThreadsFound {
        hits: found.into_iter().map(|s| s.0).collect(),
        partial,
    }
}
