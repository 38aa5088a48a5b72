//! One character pass for the analysis: each character of a paragraph is decoded and looked up
//! in the property table once, then handed to every machine that reads characters (words,
//! numbers, sentences, script counts, whitespace tokens, mark events, the NFC check). Each
//! machine is also run on its own (`run`), by the functions that give one part of the analysis
//! (`words::words`, `numbers::numbers`, ...): one algorithm per part, whichever way it is driven.

use super::Span;
use super::marks::MarkEvents;
use super::numbers::{Number, Numbers};
use super::props::{LETTER, MARK, PLAIN, Props, WHITESPACE, props};
use super::sentences::Sentences;
use super::words::{Word, Words};
use super::{Nfc, ScriptCounts, Scripts, TokenScripts};
use std::cell::Cell;

/// A reader of a paragraph's characters, one at a time, in order.
pub(super) trait Machine {
    type Out;
    /// The character `c` at byte `i` of `text` and its properties (the character after it, which
    /// few machines read and only at a few characters: `next_char`).
    fn step(&mut self, text: &str, i: usize, c: char, p: &Props);
    /// The same as `step`, for a character that `p` says is `PLAIN` (a caseless letter or mark
    /// of one script inside a word): a machine whose state allows it takes a shorter path.
    #[inline(always)]
    fn plain(&mut self, text: &str, i: usize, c: char, p: &Props) {
        self.step(text, i, c, p);
    }
    fn finish(self, text: &str) -> Self::Out;
}

/// `m` run over `text` on its own.
pub(super) fn run<M: Machine>(text: &str, mut m: M) -> M::Out {
    for (i, c) in text.char_indices() {
        m.step(text, i, c, props(c));
    }
    m.finish(text)
}

/// The character after `c` at byte `i` of `text`.
#[inline]
pub(super) fn next_char(text: &str, i: usize, c: char) -> Option<char> {
    text[i + c.len_utf8()..].chars().next()
}

/// Whitespace-separated tokens (the spans of `str::split_whitespace()`): what MQM counts in
/// spaced scripts, and what the mixed-script kinds read; with each, the scripts of its letters
/// and marks.
#[derive(Default)]
pub(super) struct Tokens {
    out: Vec<Span>,
    scripts: Vec<TokenScripts>,
    start: Option<usize>,
    current: TokenScripts,
}

impl Tokens {
    /// Tokens and their scripts that go into `out` and `scripts` (emptied first, see
    /// `Words::writing_into`).
    fn writing_into(mut out: Vec<Span>, mut scripts: Vec<TokenScripts>) -> Tokens {
        out.clear();
        scripts.clear();
        Tokens {
            out,
            scripts,
            ..Tokens::default()
        }
    }
}

impl Machine for Tokens {
    type Out = (Vec<Span>, Vec<TokenScripts>);
    #[inline(always)]
    fn step(&mut self, _: &str, i: usize, _: char, p: &Props) {
        if p.has(WHITESPACE) {
            if let Some(s) = self.start.take() {
                self.out.push(Span::new(s, i));
                self.scripts.push(std::mem::take(&mut self.current));
            }
            return;
        }
        if self.start.is_none() {
            self.start = Some(i);
        }
        if p.has(LETTER | MARK) {
            self.current.add(p.script, p.has(LETTER));
        }
    }
    /// Not whitespace, a letter or mark of a script.
    #[inline(always)]
    fn plain(&mut self, _: &str, i: usize, _: char, p: &Props) {
        if self.start.is_none() {
            self.start = Some(i);
        }
        self.current.add(p.script, p.has(LETTER));
    }
    fn finish(mut self, text: &str) -> (Vec<Span>, Vec<TokenScripts>) {
        if let Some(s) = self.start {
            self.out.push(Span::new(s, text.len()));
            self.scripts.push(self.current);
        }
        (self.out, self.scripts)
    }
}

/// The longest run of one character written again and again (`উউউউ`, `0000`, `....`): a
/// paragraph whose longest run is shorter than a rule's shortest loop of one character is
/// not searched for one (`checks::shared::char_runs`).
#[derive(Default)]
pub(super) struct Runs {
    last: Option<char>,
    run: usize,
    longest: usize,
}

impl Machine for Runs {
    type Out = usize;
    #[inline(always)]
    fn step(&mut self, _: &str, _: usize, c: char, _: &Props) {
        if self.last == Some(c) {
            self.run += 1;
        } else {
            (self.last, self.run) = (Some(c), 1);
        }
        self.longest = self.longest.max(self.run);
    }
    fn finish(self, _: &str) -> usize {
        self.longest
    }
}

/// What the one pass gives.
pub(super) struct Scan {
    pub words: Vec<Word>,
    pub numbers: Vec<Number>,
    pub sentences: Vec<Span>,
    pub scripts: ScriptCounts,
    pub tokens: Vec<Span>,
    pub token_scripts: Vec<TokenScripts>,
    pub longest_run: usize,
    pub mark_events: Vec<usize>,
    /// Whether the paragraph is NFC, and where a word of it may not be (see `Nfc`).
    pub nfc: (bool, Vec<usize>),
}

/// The vectors one thread's passes write into, kept from one paragraph to the next. A
/// paragraph's parts are moved out of them at their exact length, one allocation each: a
/// document held whole keeps every paragraph's parts, so they must hold no spare room, and
/// vectors made for each paragraph had to be grown from a guess and shrunk again.
#[derive(Default)]
struct Room {
    words: Vec<Word>,
    numbers: Vec<Number>,
    sentences: Vec<Span>,
    tokens: Vec<Span>,
    token_scripts: Vec<TokenScripts>,
    mark_events: Vec<usize>,
}

thread_local! {
    static ROOM: Cell<Room> = Cell::new(Room::default());
}

/// The most items a vector of the room keeps for the next paragraph (a paragraph of about
/// 50 KB of Bengali has as many words): one grown by a longer paragraph is given back rather
/// than held by its thread for the rest of the run, so a thread keeps half a megabyte at most.
const ROOM_KEPT: usize = 1 << 12;

/// The items of `filled` in a vector of their own, exactly as long; `filled`, emptied, goes
/// back to `room`.
fn moved_out<T>(room: &mut Vec<T>, mut filled: Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(filled.len());
    out.append(&mut filled);
    if filled.capacity() <= ROOM_KEPT {
        *room = filled;
    }
    out
}

/// Every machine over `text` in one pass; letters inside `masked` (sorted spans) count for no
/// script.
pub(super) fn scan(text: &str, masked: &[Span]) -> Scan {
    // (A thread being torn down has no room left: the vectors are then the paragraph's own.)
    let mut room = ROOM.try_with(Cell::take).unwrap_or_default();
    let mut words = Words::writing_into(std::mem::take(&mut room.words));
    let mut numbers = Numbers::writing_into(std::mem::take(&mut room.numbers));
    let mut sentences = Sentences::writing_into(std::mem::take(&mut room.sentences));
    let mut scripts = Scripts::new(masked);
    let mut tokens = Tokens::writing_into(
        std::mem::take(&mut room.tokens),
        std::mem::take(&mut room.token_scripts),
    );
    let mut runs = Runs::default();
    let mut marks = MarkEvents::writing_into(std::mem::take(&mut room.mark_events));
    let mut nfc = Nfc::recording();
    // Each machine reads the character, by `plain` or by `step` (one test of the flag for all).
    macro_rules! every_machine {
        ($read:ident, $i:expr, $c:expr, $p:expr) => {
            words.$read(text, $i, $c, $p);
            numbers.$read(text, $i, $c, $p);
            sentences.$read(text, $i, $c, $p);
            scripts.$read(text, $i, $c, $p);
            tokens.$read(text, $i, $c, $p);
            runs.$read(text, $i, $c, $p);
            marks.$read(text, $i, $c, $p);
            nfc.$read(text, $i, $c, $p);
        };
    }
    for (i, c) in text.char_indices() {
        let p = props(c);
        if p.has(PLAIN) {
            every_machine!(plain, i, c, p);
        } else {
            every_machine!(step, i, c, p);
        }
    }
    let (tokens, token_scripts) = tokens.finish(text);
    let scan = Scan {
        words: moved_out(&mut room.words, words.finish(text)),
        numbers: moved_out(&mut room.numbers, numbers.finish(text)),
        sentences: moved_out(&mut room.sentences, sentences.finish(text)),
        scripts: scripts.finish(text),
        tokens: moved_out(&mut room.tokens, tokens),
        token_scripts: moved_out(&mut room.token_scripts, token_scripts),
        longest_run: runs.finish(text),
        mark_events: moved_out(&mut room.mark_events, marks.finish(text)),
        nfc: nfc.finish(text),
    };
    // Nothing is lost if the thread is being torn down: the room is dropped.
    let _ = ROOM.try_with(|r| r.set(room));
    scan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{is_nfc, marks, numbers, placeholders, sentences, words};

    /// The one pass gives what each machine gives on its own, and what the standard library
    /// counts, on every line of the fixtures (Bengali MT and professional text, English–Hindi
    /// MT) and on edge cases: numbers with separators and in names, quotes and brackets around
    /// sentence ends, orphaned and doubled marks, masked placeholders, complex word breaks.
    #[test]
    fn the_one_pass_gives_what_each_part_gives_alone() {
        let mut text = crate::text::fixture_text();
        text.push_str(concat!(
            "১০,০০০ জন, COVID-19-এর, 2020-তে, H5N1, 600০০, 3.5. 1,\n",
            "তিনি বলেন, “আমরা জিতব। আমরা লড়ব,” তিনি বলেন। পরে। \"Yes.\" (No.) 你好。再见！\n",
            " ় দৃ solid ়  কোো ক্্ক্ ঢ় য\u{09BC} e\u{0301} <b>বাংলা</b> %s {name} https://x.org/ক \u{FFFC}\n",
            "উউউউউউ noooo .... 0000০০ aa\u{0301}\u{0301}\n",
            "a\r\nb 🇧🇩 שלום ア ক_খ \u{200D}\u{200C}\t  end  \n",
            "доза 5 µ. আজ 𝐚𝐛 ℓ\u{0301} রাশিয়ার\n",
            // Plain characters (`PLAIN`) after every kind of state: an open number, a mark
            // opening the text or a word, a Latin letter, a mid-word dot or apostrophe, a
            // virama, a nukta, a vowel sign that composes.
            "৫টি 5টি ়ক  ়ক a়ক কa়খ ক.খ ক'খ 1ক ক্ক ড়ক কো েক ক\u{09C7}\u{09BE} ৫০০০০,৭ मैं ने, قال 他说 ক১ক\n",
        ));
        let mut lines: Vec<&str> = text.lines().collect();
        lines.extend(["", " ", "1", "।", "\"", "ক", "\u{09BC}", "\u{09C7}", "কা"]);
        for line in lines {
            let masked = placeholders::masked(line);
            let s = scan(line, &masked);
            let w = words::words(line);
            let fields = |w: &Word| (w.span, w.kind, w.script, w.mixed_script, w.has_case);
            assert_eq!(
                s.words.iter().map(fields).collect::<Vec<_>>(),
                w.iter().map(fields).collect::<Vec<_>>(),
                "{line:?}"
            );
            let n = numbers::numbers(line);
            let fields = |n: &Number| (n.span, n.in_name, n.systems.clone());
            assert_eq!(
                s.numbers.iter().map(fields).collect::<Vec<_>>(),
                n.iter().map(fields).collect::<Vec<_>>(),
                "{line:?}"
            );
            assert_eq!(s.sentences, sentences::sentences(line), "{line:?}");
            assert_eq!(
                s.scripts.0,
                ScriptCounts::of_unmasked(line, &masked).0,
                "{line:?}"
            );
            let spans: Vec<&str> = s.tokens.iter().map(|t| &line[t.start..t.end]).collect();
            assert_eq!(
                spans,
                line.split_whitespace().collect::<Vec<_>>(),
                "{line:?}"
            );
            // Each token's scripts: those of its letters and marks.
            let expected: Vec<TokenScripts> = spans
                .iter()
                .map(|t| {
                    let mut scripts: Vec<_> = t
                        .chars()
                        .filter(|&c| crate::text::script::is_letter_or_mark(c))
                        .filter_map(crate::text::script::script_of)
                        .collect();
                    let first = scripts.first().copied();
                    scripts.dedup();
                    TokenScripts {
                        first,
                        mixed: scripts.len() > 1,
                        unscripted_letter: t.chars().any(|c| {
                            crate::text::script::is_letter(c)
                                && crate::text::script::script_of(c).is_none()
                        }),
                    }
                })
                .collect();
            assert_eq!(s.token_scripts, expected, "{line:?}");
            // Between the spans (and around them) nothing but whitespace: the spans are where
            // the tokens stand, not only what they hold.
            let mut at = 0;
            for t in s.tokens.iter().chain([&Span::new(line.len(), line.len())]) {
                assert!(
                    line[at..t.start].chars().all(char::is_whitespace),
                    "{line:?}"
                );
                at = t.end;
            }
            let longest = line
                .chars()
                .collect::<Vec<_>>()
                .chunk_by(|a, b| a == b)
                .map(<[char]>::len)
                .max()
                .unwrap_or(0);
            assert_eq!(s.longest_run, longest, "{line:?}");
            assert_eq!(s.mark_events, marks::mark_events(line), "{line:?}");
            assert_eq!(s.nfc.0, is_nfc(line), "{line:?}");
            // The characters where a word may not be NFC, as the check alone records them.
            assert_eq!(s.nfc, run(line, crate::text::Nfc::recording()), "{line:?}");
        }
    }
}
