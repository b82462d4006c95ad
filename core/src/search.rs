//! Chinese substring search. FTS5's trigram tokenizer finds substrings of three or more
//! characters; most Chinese search words have one or two, so those are looked up in a table of
//! the 1- and 2-character grams of each record's search text.

use std::collections::BTreeSet;

/// How to look for what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Nothing to search for.
    Empty,
    /// 1–2 characters: exact lookup in the gram table.
    Gram(String),
    /// 3+ characters: an FTS5 phrase (quoted, so `PN-88` or `"` cannot break the syntax).
    Phrase(String),
}

/// Normalises for search: trimmed, ASCII lower-cased, inner whitespace collapsed.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

pub fn term(input: &str) -> Term {
    let text = normalise(input);
    match text.chars().count() {
        0 => Term::Empty,
        1 | 2 => Term::Gram(text),
        _ => Term::Phrase(format!("\"{}\"", text.replace('"', "\"\""))),
    }
}

/// The distinct 1- and 2-character grams within each whitespace-separated word of `text`
/// that contains Chinese (or other non-ASCII) characters. ASCII words — codes, part and phone
/// numbers — are found by the trigram index from three characters on; one or two ASCII
/// characters would match nearly everything, and indexing them would multiply the table.
pub fn grams(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for word in normalise(text).split(' ').filter(|w| !w.is_ascii()) {
        let chars: Vec<char> = word.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            out.insert(c.to_string());
            if let Some(next) = chars.get(i + 1) {
                out.insert([*c, *next].iter().collect());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_terms_use_grams_long_ones_a_quoted_phrase() {
        assert_eq!(term("  "), Term::Empty);
        assert_eq!(term("华为"), Term::Gram("华为".into()));
        assert_eq!(term("A"), Term::Gram("a".into()));
        assert_eq!(term("PN-88"), Term::Phrase("\"pn-88\"".into()));
        assert_eq!(term("say \"hi\""), Term::Phrase("\"say \"\"hi\"\"\"".into()));
    }

    #[test]
    fn grams_stay_inside_words() {
        let g = grams("天津华为 张三");
        for want in ["天", "天津", "津华", "华为", "为", "张三", "三"] {
            assert!(g.contains(want), "{want}");
        }
        assert!(!g.contains("为 "), "no gram spans a space");
        assert!(!g.contains("为张"), "no gram spans two words");
    }
}
