//! MQM 2.0 raw scoring: penalty = sum of severity weights; score = max(0, 100 * (1 - penalty /
//! words)); penalty per 1,000 words. A document pools penalty over its words.

use serde::{Deserialize, Serialize};

use crate::text::Analysis;
use crate::vocab::Severity;

pub const MODEL: &str =
    "MQM 2.0 raw (penalty = sum of severity weights; score = max(0, 100 * (1 - penalty / words)))";

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(default = "w_minor")]
    pub minor: f64,
    #[serde(default = "w_major")]
    pub major: f64,
    #[serde(default = "w_critical")]
    pub critical: f64,
}

fn w_minor() -> f64 {
    1.0
}
fn w_major() -> f64 {
    5.0
}
fn w_critical() -> f64 {
    25.0
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            minor: w_minor(),
            major: w_major(),
            critical: w_critical(),
        }
    }
}

impl Weights {
    pub fn of(&self, s: Severity) -> f64 {
        match s {
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }
}

/// Characters per word of the scripts written without spaces, weighted by frequency: Chinese
/// 1.62 and Japanese 1.70 (Han and Kana words of the wordfreq 3.1 lists, segmented by jieba and
/// MeCab), Thai 3.22 letters (the Thai National Corpus list shipped with PyThaiNLP 5.4; vowel
/// and tone marks not counted). Lao, Khmer, Myanmar and Tibetan take Thai's figure.
const CHINESE_CHARS_PER_WORD: f64 = 1.62;
const JAPANESE_CHARS_PER_WORD: f64 = 1.70;
const THAI_LETTERS_PER_WORD: f64 = 3.22;

/// Words as MQM counts them: whitespace tokens; in a script written without spaces, its letters
/// over the script's average word length (one Han character is not a word: most Chinese words
/// have two), plus the words of other scripts and the numbers among them.
pub fn words(a: &Analysis, unspaced: bool) -> usize {
    if !unspaced {
        return a.tokens.len();
    }
    use crate::text::script::{is_letter, is_unspaced, script_of};
    use unicode_script::Script;
    let (mut cjk, mut kana, mut southeast, mut other) = (0usize, false, 0usize, 0usize);
    for token in a.text.split_whitespace() {
        let mut in_other = false;
        for c in token.chars() {
            let script = script_of(c);
            match script {
                Some(s) if is_unspaced(s) => {
                    in_other = false;
                    if !is_letter(c) {
                        continue;
                    }
                    match s {
                        Script::Han => cjk += 1,
                        Script::Hiragana | Script::Katakana => {
                            cjk += 1;
                            kana = true;
                        }
                        _ => southeast += 1,
                    }
                }
                _ if c.is_alphanumeric() => {
                    other += usize::from(!in_other);
                    in_other = true;
                }
                // Marks stay inside the word they follow; punctuation ends it.
                _ if crate::text::script::is_mark(c) => {}
                _ => in_other = false,
            }
        }
    }
    let per_word = if kana {
        JAPANESE_CHARS_PER_WORD
    } else {
        CHINESE_CHARS_PER_WORD
    };
    let count = |letters: usize, per: f64| {
        if letters == 0 {
            0
        } else {
            ((letters as f64 / per).round() as usize).max(1)
        }
    };
    other + count(cjk, per_word) + count(southeast, THAI_LETTERS_PER_WORD)
}

/// Score of `penalty` over `words`, in [0, 100]. Text with no words scores 100 unless penalised.
pub fn score(penalty: f64, words: usize) -> f64 {
    if words == 0 {
        return if penalty > 0.0 { 0.0 } else { 100.0 };
    }
    (100.0 * (1.0 - penalty / words as f64)).clamp(0.0, 100.0)
}

pub fn per_thousand(penalty: f64, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        penalty * 1000.0 / words as f64
    }
}

/// Round for reports, so output is stable across platforms.
pub fn round2(x: f64) -> f64 {
    // `+ 0.0` turns a negative zero (the sum of no penalties) into 0.
    (x * 100.0).round() / 100.0 + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unspaced_words_are_letters_over_the_average_word_length() {
        let words_of = |t: &str| words(&Analysis::new(t), true);
        // 7 Han characters (4 words) and 2 English words; 29 Han characters (jieba: 16 words).
        assert_eq!(words_of("我们使用side effects的疫苗"), 6);
        assert_eq!(
            words_of("世界卫生组织宣布新冠肺炎疫情构成国际关注的突发公共卫生事件。"),
            18
        );
        // Thai: 24 letters and 4 marks, 7 words by a dictionary segmenter.
        assert_eq!(words_of("ภาษาไทยเป็นภาษาที่สวยงาม ครับ"), 7);
        assert_eq!(words_of("日本語のテキストです"), 6);
        assert_eq!(words_of("COVID-19 疫苗"), 3);
        assert_eq!(words(&Analysis::new("দুটি শব্দ"), false), 2);
    }

    #[test]
    fn score_is_bounded_and_pooled() {
        assert_eq!(score(0.0, 10), 100.0);
        assert_eq!(score(5.0, 10), 50.0);
        assert_eq!(score(25.0, 10), 0.0);
        assert_eq!(score(1.0, 0), 0.0);
        assert_eq!(per_thousand(5.0, 500), 10.0);
        let nothing: f64 = std::iter::empty::<f64>().sum();
        assert!(
            round2(nothing).is_sign_positive(),
            "no penalty is 0, not -0"
        );
    }
}
