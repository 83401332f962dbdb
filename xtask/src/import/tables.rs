//! The tables that document outcomes and values: `Error scenarios`, `Response types`
//! and the sections listing one field's values.
//!
//! Columns are found by name, so the older `| Status | Scenario |` error table and the
//! newer one with a `response_type_id` column read through the same code. A column the
//! importer does not know is an error naming the table, never silently ignored.

use super::error::ImportError;
use super::page::{Page, Row, Table};
use super::parse::quoted;
use eko_spec::{DocumentedValue, ErrorScenario, ResponseType, ValueList};

/// The pages link endpoints as `https://eps.eko.in/docs/<slug>.md` (or `/docs/<slug>`).
const DOCS_PREFIXES: [&str; 2] = ["https://eps.eko.in/docs/", "/docs/"];

/// Where each named column is, after checking that the header has the required columns
/// and nothing unknown.
struct Columns<'a> {
    header: &'a [String],
}

impl<'a> Columns<'a> {
    fn check(
        file: &str,
        table: &'a Table,
        what: &str,
        required: &[&str],
        optional: &[&str],
    ) -> Result<Self, ImportError> {
        let known =
            |cell: &String| required.contains(&cell.as_str()) || optional.contains(&cell.as_str());
        let missing = required
            .iter()
            .any(|name| !table.header.iter().any(|cell| cell == name));
        if missing || !table.header.iter().all(known) {
            let mut expected: Vec<String> =
                required.iter().map(|name| (*name).to_owned()).collect();
            expected.extend(optional.iter().map(|name| format!("({name})")));
            return Err(ImportError::new(
                file,
                table.line,
                format!(
                    "the {what} table has columns {}; expected {}",
                    quoted(&table.header),
                    quoted(&expected)
                ),
            ));
        }
        Ok(Columns {
            header: &table.header,
        })
    }

    fn get<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        let index = self.header.iter().position(|cell| cell == name)?;
        row.cells.get(index).map(String::as_str)
    }
}

/// `| Status | (response_type_id) | Scenario |`.
pub fn error_scenarios(
    file: &str,
    table: &Table,
    errors: &mut Vec<ImportError>,
) -> Vec<ErrorScenario> {
    let columns = match Columns::check(
        file,
        table,
        "error-scenario",
        &["Status", "Scenario"],
        &["response_type_id"],
    ) {
        Ok(columns) => columns,
        Err(error) => {
            errors.push(error);
            return Vec::new();
        }
    };
    let mut scenarios = Vec::new();
    for row in &table.rows {
        let fail = |problem: String| ImportError::new(file, row.line, problem);
        let (Some(status), Some(scenario)) =
            (columns.get(row, "Status"), columns.get(row, "Scenario"))
        else {
            errors.push(fail(format!(
                "an error-scenario row needs {} cells",
                table.header.len()
            )));
            continue;
        };
        let http_status = match status.parse::<u16>() {
            Ok(status) if (100..600).contains(&status) => status,
            _ => {
                errors.push(fail(format!("`{status}` is not an HTTP status")));
                continue;
            }
        };
        let response_type_id = match columns.get(row, "response_type_id").map(leading_id) {
            None | Some(Ok(None)) => None,
            Some(Ok(Some(id))) => Some(id),
            Some(Err(problem)) => {
                errors.push(fail(problem));
                continue;
            }
        };
        scenarios.push(ErrorScenario {
            http_status,
            response_type_id,
            scenario: scenario.to_owned(),
        });
    }
    scenarios
}

/// `| response_type_id | Meaning | Next step |`.
pub fn response_types(page: &Page, errors: &mut Vec<ImportError>) -> Vec<ResponseType> {
    let Some(table) = &page.response_types else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for row in &table.rows {
        let fail = |problem: String| ImportError::new(&page.file, row.line, problem);
        let [id, meaning, next] = &row.cells[..] else {
            errors.push(fail("a response-type row needs 3 cells".into()));
            continue;
        };
        let id = match leading_id(id) {
            Ok(Some(id)) => id,
            Ok(None) => {
                errors.push(fail("a response-type row has no `response_type_id`".into()));
                continue;
            }
            Err(problem) => {
                errors.push(fail(problem));
                continue;
            }
        };
        if found.iter().any(|known: &ResponseType| known.id == id) {
            errors.push(fail(format!("response_type_id {id} is listed twice")));
            continue;
        }
        let next = match next_step(next) {
            Ok(next) => next,
            Err(problem) => {
                errors.push(fail(problem));
                continue;
            }
        };
        found.push(ResponseType {
            id,
            meaning: meaning.clone(),
            next,
        });
    }
    found
}

/// ``| `field` | (`label_field`) | Meaning |``: the first column names the field whose
/// values the rows list, an optional middle one the field carrying each value's label.
pub fn value_lists(page: &Page, errors: &mut Vec<ImportError>) -> Vec<ValueList> {
    let mut lists = Vec::new();
    for section in &page.value_lists {
        let table = &section.table;
        let fail = |line: usize, problem: String| ImportError::new(&page.file, line, problem);
        let leaf = section
            .field
            .rsplit(['.', ']'])
            .next()
            .unwrap_or(&section.field);
        let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
        let label_field = match &header[..] {
            [code, "Meaning"] if unquote(code) == Some(leaf) => None,
            [code, label, "Meaning"] if unquote(code) == Some(leaf) && unquote(label).is_some() => {
                unquote(label).map(str::to_owned)
            }
            _ => {
                errors.push(fail(
                    table.line,
                    format!(
                        "the value table of `{}` has columns {}; expected [`{leaf}` | (`label field`) | Meaning]",
                        section.field,
                        quoted(&table.header)
                    ),
                ));
                continue;
            }
        };
        let mut values = Vec::new();
        for row in &table.rows {
            if row.cells.len() != header.len() {
                errors.push(fail(
                    row.line,
                    format!("a value row needs {} cells", header.len()),
                ));
                continue;
            }
            let code = unquote(&row.cells[0]).unwrap_or(&row.cells[0]).to_owned();
            if code.is_empty() {
                errors.push(fail(row.line, "a value row has no value".into()));
                continue;
            }
            let label = label_field
                .as_ref()
                .map(|_| unquote(&row.cells[1]).unwrap_or(&row.cells[1]).to_owned());
            values.push(DocumentedValue {
                code,
                label,
                meaning: row.cells[header.len() - 1].clone(),
            });
        }
        lists.push(ValueList {
            field: section.field.clone(),
            title: section.title.clone(),
            description: section.description.clone(),
            label_field,
            values,
        });
    }
    lists
}

/// `` `name` `` → `name`; `None` when the cell is not one code span.
fn unquote(cell: &str) -> Option<&str> {
    let inner = cell.strip_prefix('`')?.strip_suffix('`')?;
    (!inner.is_empty() && !inner.contains('`')).then_some(inner)
}

/// The id a cell starts with: `1463`, `` `1464` — Transaction Fail ``; `—` or empty is none.
fn leading_id(cell: &str) -> Result<Option<i64>, String> {
    let cell = cell.trim();
    if cell.is_empty() || cell == "—" || cell == "-" {
        return Ok(None);
    }
    let digits = cell.strip_prefix('`').unwrap_or(cell);
    let end = digits
        .char_indices()
        .find(|&(at, c)| !(c.is_ascii_digit() || (at == 0 && c == '-')))
        .map_or(digits.len(), |(at, _)| at);
    digits[..end]
        .parse::<i64>()
        .map(Some)
        .map_err(|_| format!("`{cell}` does not start with a response_type_id"))
}

/// `[slug](https://eps.eko.in/docs/slug.md)` → `slug`; `—` or empty is none.
fn next_step(cell: &str) -> Result<Option<String>, String> {
    let cell = cell.trim();
    if cell.is_empty() || cell == "—" || cell == "-" {
        return Ok(None);
    }
    let target = cell
        .split_once("](")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(target, _)| target)
        .ok_or_else(|| format!("the next step `{cell}` is not a link to a doc page"))?;
    let slug = DOCS_PREFIXES
        .iter()
        .find_map(|prefix| target.strip_prefix(prefix))
        .ok_or_else(|| format!("the next step links `{target}`, which is not an Eko doc page"))?;
    let slug = slug.strip_suffix(".md").unwrap_or(slug);
    if slug.is_empty() || slug.contains(['/', '#', '?']) {
        return Err(format!(
            "the next step links `{target}`, which is not an Eko doc page"
        ));
    }
    Ok(Some(slug.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links_are_read_from_cells() {
        assert_eq!(leading_id("1463"), Ok(Some(1463)));
        assert_eq!(leading_id("`1464` — Transaction Fail"), Ok(Some(1464)));
        assert_eq!(leading_id("—"), Ok(None));
        assert!(leading_id("soon").is_err());
        assert_eq!(
            next_step("[transaction-inquiry](https://eps.eko.in/docs/transaction-inquiry.md)"),
            Ok(Some("transaction-inquiry".into()))
        );
        assert_eq!(
            next_step("[x](/docs/onboard-user)"),
            Ok(Some("onboard-user".into()))
        );
        assert_eq!(next_step("—"), Ok(None));
        assert!(next_step("call support").is_err());
    }
}
