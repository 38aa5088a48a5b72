//! TSV: one unit per line, `source<TAB>target` by default. Plain TSV: cells are split at every
//! tab and taken as written, with no quoting and no escapes (a tab or a line break cannot be
//! part of a cell); a CR before the line break is not part of the last cell. Blank lines are
//! passed over.
//!
//! **Columns.** `ReadOptions::columns` picks them by 1-based number or by header name
//! (`--columns 1,2`, `--columns id,src,tgt`: two entries are source and target, three are id,
//! source and target, one is the target alone). Without it the source is column 1 and the
//! target column 2, or, after a header row, the first columns named like a source (`src`,
//! `source`), a target (`tgt`, `target`, `translation`, `mt`, `hyp`, `hypothesis`, `output`)
//! and an id (`id`, `key`, `tuid`, `segid`, `seg_id`, `segment_id`).
//!
//! **Header row.** Detected (the default) when every cell of the first non-blank line is a known
//! column name (those above and `ref`, `reference`, `note`, `notes`, `comment`, `context`,
//! `lang`, `src_lang`, `tgt_lang`, `system`, `score`, `domain`, `doc`, `doc_id`, `docid`,
//! `line`), at least one of them a source or a target; `Header::Present`/`Absent` force it.
//! Columns named in `ReadOptions::columns` need a header.
//!
//! **Units.** id: the id column's cell, else the line number; cells of other columns go to
//! `Unit::extra`, keyed by their header name (else `column N`). A blank target is `NoTarget`.
//! A line with too few cells for the columns wanted is an error naming its line and column.

use serde_json::Value;

use super::{ReadOptions, Source};
use crate::error::Error;
use crate::input::unit::{FileInfo, Skip, Unit, UnitDoc, UnitText};
use crate::input::{Charset, Position};

/// Whether the first line is a header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Header {
    /// A header when every cell of the first line is a known column name.
    #[default]
    Detect,
    /// The first line is a header.
    Present,
    /// There is no header.
    Absent,
}

/// A column, by 1-based number or by header name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Number(usize),
    Name(String),
}

/// The columns of a unit's id, source and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub id: Option<Column>,
    pub source: Option<Column>,
    pub target: Column,
}

impl Columns {
    /// `TARGET`, `SOURCE,TARGET` or `ID,SOURCE,TARGET`, each a 1-based number or a header name.
    pub fn parse(s: &str) -> Result<Columns, String> {
        let cols: Vec<Column> = s
            .split(',')
            .map(|c| {
                let c = c.trim();
                if c.is_empty() {
                    return Err(format!("empty column in `{s}`"));
                }
                match c.parse::<usize>() {
                    Ok(0) => Err("columns are numbered from 1".to_string()),
                    Ok(n) => Ok(Column::Number(n)),
                    Err(_) => Ok(Column::Name(c.to_string())),
                }
            })
            .collect::<Result<_, _>>()?;
        if cols.iter().enumerate().any(|(i, c)| cols[..i].contains(c)) {
            return Err(format!(
                "`{s}`: each of the id, source and target needs a column of its own"
            ));
        }
        let mut it = cols.into_iter();
        match (it.next(), it.next(), it.next(), it.next()) {
            (Some(t), None, None, None) => Ok(Columns {
                id: None,
                source: None,
                target: t,
            }),
            (Some(s), Some(t), None, None) => Ok(Columns {
                id: None,
                source: Some(s),
                target: t,
            }),
            (Some(i), Some(s), Some(t), None) => Ok(Columns {
                id: Some(i),
                source: Some(s),
                target: t,
            }),
            _ => Err(format!(
                "`{s}`: give TARGET, SOURCE,TARGET or ID,SOURCE,TARGET (numbers or header names)"
            )),
        }
    }

    /// Whether a column is given by header name.
    fn uses_names(&self) -> bool {
        [self.id.as_ref(), self.source.as_ref(), Some(&self.target)]
            .into_iter()
            .flatten()
            .any(|c| matches!(c, Column::Name(_)))
    }
}

const ID_NAMES: &[&str] = &["id", "key", "tuid", "segid", "seg_id", "segment_id"];
const SOURCE_NAMES: &[&str] = &["src", "source"];
const TARGET_NAMES: &[&str] = &[
    "tgt",
    "target",
    "translation",
    "mt",
    "hyp",
    "hypothesis",
    "output",
];
const OTHER_NAMES: &[&str] = &[
    "ref",
    "reference",
    "note",
    "notes",
    "comment",
    "context",
    "lang",
    "src_lang",
    "tgt_lang",
    "system",
    "score",
    "domain",
    "doc",
    "doc_id",
    "docid",
    "line",
];

fn known(cell: &str, names: &[&str]) -> bool {
    let c = cell.trim();
    names.iter().any(|n| c.eq_ignore_ascii_case(n))
}

impl std::str::FromStr for Columns {
    type Err = String;

    /// As `Columns::parse`, so clap can parse `--columns` with it.
    fn from_str(s: &str) -> Result<Columns, String> {
        Columns::parse(s)
    }
}

/// Resolved 0-based columns.
#[derive(Debug, Clone)]
struct Resolved {
    id: Option<usize>,
    source: Option<usize>,
    target: usize,
}

/// Reads TSV a line at a time (for streaming); `read` uses it on a whole text.
#[derive(Debug, Clone)]
pub struct TsvReader {
    name: String,
    columns: Option<Columns>,
    header: Header,
    /// The header's cells, once seen.
    names: Option<Vec<String>>,
    resolved: Option<Resolved>,
}

impl TsvReader {
    pub fn new(name: &str, options: &ReadOptions) -> TsvReader {
        TsvReader {
            name: name.to_string(),
            columns: options.columns.clone(),
            header: options.header,
            names: None,
            resolved: None,
        }
    }

    /// The header row's cells, if the input had one.
    pub fn header(&self) -> Option<&[String]> {
        self.names.as_deref()
    }

    fn error(&self, at: Position, what: impl std::fmt::Display) -> Error {
        Error::input(format!("{}:{}:{}: {what}", self.name, at.line, at.column))
    }

    /// One line of the input, starting at `at` (its line break may be included). `None`: a
    /// blank line or the header row.
    pub fn line(
        &mut self,
        line: &str,
        at: Position,
        charset: Charset,
    ) -> Result<Option<Unit>, Error> {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            return Ok(None);
        }
        let mut cells: Vec<(usize, &str)> = Vec::new();
        let mut from = 0;
        for cell in line.split('\t') {
            cells.push((from, cell));
            from += cell.len() + 1;
        }
        if self.resolved.is_none() {
            let header = match self.header {
                Header::Present => true,
                Header::Absent => false,
                Header::Detect => {
                    self.columns.as_ref().is_some_and(Columns::uses_names)
                        || (cells.iter().all(|(_, c)| {
                            known(c, ID_NAMES)
                                || known(c, SOURCE_NAMES)
                                || known(c, TARGET_NAMES)
                                || known(c, OTHER_NAMES)
                        }) && cells
                            .iter()
                            .any(|(_, c)| known(c, SOURCE_NAMES) || known(c, TARGET_NAMES)))
                }
            };
            if header {
                let names: Vec<String> = cells.iter().map(|(_, c)| c.trim().to_string()).collect();
                self.resolved = Some(self.resolve(Some(&names), at)?);
                self.names = Some(names);
                return Ok(None);
            }
            self.resolved = Some(self.resolve(None, at)?);
        }
        let Some(r) = self.resolved.clone() else {
            return Ok(None);
        };
        let need = [r.id, r.source, Some(r.target)]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0);
        if cells.len() <= need {
            let end = at.after(line, charset);
            let role = if need == r.target {
                "target"
            } else if Some(need) == r.source {
                "source"
            } else {
                "id"
            };
            return Err(self.error(
                end,
                format!(
                    "{} cell{} on this line, but the {role} is column {}",
                    cells.len(),
                    if cells.len() == 1 { "" } else { "s" },
                    need + 1
                ),
            ));
        }
        let text = |k: usize| {
            let (from, cell) = cells[k];
            UnitText::verbatim(cell, at.after(&line[..from], charset))
        };
        let target = text(r.target);
        let source = r.source.map(text);
        let id = match r.id {
            Some(k) => cells[k].1.trim().to_string(),
            None => at.line.to_string(),
        };
        let mut extra = serde_json::Map::new();
        for (k, (_, cell)) in cells.iter().enumerate() {
            if Some(k) == r.id || Some(k) == r.source || k == r.target {
                continue;
            }
            let key = self
                .names
                .as_ref()
                .and_then(|n| n.get(k).cloned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| format!("column {}", k + 1));
            extra.insert(key, Value::String(cell.to_string()));
        }
        let skip = target.text.trim().is_empty().then_some(Skip::NoTarget);
        Ok(Some(Unit {
            id,
            source,
            target: Some(target),
            skip,
            extra,
            ..Unit::default()
        }))
    }

    fn resolve(&self, names: Option<&[String]>, at: Position) -> Result<Resolved, Error> {
        let find = |col: &Column| -> Result<usize, Error> {
            match col {
                Column::Number(n) => Ok(n - 1),
                Column::Name(name) => {
                    let Some(names) = names else {
                        return Err(self.error(
                            at,
                            format!("column `{name}` is named, but the input has no header row"),
                        ));
                    };
                    names
                        .iter()
                        .position(|n| n.eq_ignore_ascii_case(name))
                        .ok_or_else(|| {
                            self.error(
                                at,
                                format!(
                                    "the header has no column `{name}` (it has {})",
                                    names.join(", ")
                                ),
                            )
                        })
                }
            }
        };
        if let Some(c) = &self.columns {
            return Ok(Resolved {
                id: c.id.as_ref().map(&find).transpose()?,
                source: c.source.as_ref().map(&find).transpose()?,
                target: find(&c.target)?,
            });
        }
        let Some(names) = names else {
            return Ok(Resolved {
                id: None,
                source: Some(0),
                target: 1,
            });
        };
        let first = |set: &[&str]| names.iter().position(|n| known(n, set));
        let Some(target) = first(TARGET_NAMES) else {
            return Err(self.error(
                at,
                "the header names no target column (tgt, target, translation, mt, hyp...); \
                 pick the columns",
            ));
        };
        Ok(Resolved {
            id: first(ID_NAMES),
            source: first(SOURCE_NAMES),
            target,
        })
    }
}

/// Read a whole TSV input.
pub fn read(src: &Source, options: &ReadOptions) -> Result<Vec<UnitDoc>, Error> {
    let mut reader = TsvReader::new(src.name, options);
    let units = each_line(src, |line, at| reader.line(line, at, src.charset))?;
    Ok(vec![UnitDoc {
        info: FileInfo::default(),
        units,
        charset: src.charset,
    }])
}

/// Run `f` on every line of a source with its position; collect the units it gives.
pub(crate) fn each_line(
    src: &Source,
    mut f: impl FnMut(&str, Position) -> Result<Option<Unit>, Error>,
) -> Result<Vec<Unit>, Error> {
    let mut units = Vec::new();
    let mut at = src.base;
    for line in src.text.split_inclusive('\n') {
        if let Some(u) = f(line, at)? {
            units.push(u);
        }
        at = at.after(line, src.charset);
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    fn read_tsv(text: &str, options: &ReadOptions) -> Result<Vec<Unit>, Error> {
        read(&Source::new("t.tsv", text), options).map(|mut d| d.remove(0).units)
    }

    #[test]
    fn pairs_headers_and_columns() {
        let text = "Hello\tহ্যালো\nBye\t\n\nA\tক\textra\n";
        let units = read_tsv(text, &ReadOptions::default()).unwrap();
        assert_eq!(units.len(), 3);
        assert_eq!(units[0].id, "1");
        assert_eq!(units[0].source.as_ref().unwrap().text, "Hello");
        assert_eq!(units[0].target.as_ref().unwrap().text, "হ্যালো");
        assert_eq!(units[1].skip, Some(Skip::NoTarget));
        assert_eq!(units[2].id, "4");
        assert_eq!(units[2].extra["column 3"], "extra");
        let t = units[2].target.as_ref().unwrap();
        assert_eq!(t.at, raw_position(text, nth(text, "ক", 0)));

        let text = "id\tsrc\ttgt\r\nk1\tHi\tহাই\r\n";
        let units = read_tsv(text, &ReadOptions::default()).unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].id, "k1");
        assert_eq!(units[0].target.as_ref().unwrap().text, "হাই");

        let opts = ReadOptions {
            columns: Some(Columns::parse("3,1").unwrap()),
            ..ReadOptions::default()
        };
        let units = read_tsv("হাই\tx\tHi\n", &opts).unwrap();
        assert_eq!(units[0].source.as_ref().unwrap().text, "Hi");
        assert_eq!(units[0].target.as_ref().unwrap().text, "হাই");

        let opts = ReadOptions {
            columns: Some(Columns::parse("mt").unwrap()),
            ..ReadOptions::default()
        };
        let units = read_tsv("src\tmt\nHi\tহাই\n", &opts).unwrap();
        assert!(units[0].source.is_none());
        assert_eq!(units[0].target.as_ref().unwrap().text, "হাই");
        assert!(Columns::parse("1,2,3,4").is_err());
        assert!(Columns::parse("0,1").is_err());
    }

    #[test]
    fn too_few_cells_is_an_error() {
        let e = read_tsv("a\tb\nকেবল\n", &ReadOptions::default()).unwrap_err();
        assert_eq!(
            e.message,
            "t.tsv:2:5: 1 cell on this line, but the target is column 2"
        );
        let opts = ReadOptions {
            columns: Some(Columns::parse("nope").unwrap()),
            ..ReadOptions::default()
        };
        let e = read_tsv("src\ttgt\n", &opts).unwrap_err();
        assert!(e.message.contains("no column `nope`"), "{e}");
    }
}
