//! Cells of tables, read by their column's header. In "| Role | Name | Badge |" the header says
//! what every cell below it is: "Beatriz Almeida" a person and "0041827" a badge number, where
//! no cue word stands next to them. Markdown pipe tables, comma- or tab-separated exports
//! (a header row of labels, then rows of as many fields) and columns aligned with spaces (log
//! exports and reports: cells under their header, two spaces or more apart) are read.

use crate::detect::Detectors;
use crate::lexicon::TEAM_WORDS;
use crate::names::{is_common_word, LISTS};
use crate::person;
use crate::{normalise_key, Cand, DocFacts, Kind};

/// What a column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// people: names, initials, logins
    Person,
    /// employee, customer and account numbers
    Id,
    /// patients' record numbers
    Record,
    /// people or their numbers ("Operator", "Patient"): the cell decides
    PersonOrId,
    /// patients or their record numbers
    PatientOrRecord,
    /// customers and clients: companies, people or their numbers ("Customer")
    PartyOrId,
    /// flight numbers ("Flight", "Flt")
    Flight,
    /// aircraft by their transponder address ("icao24", "hex")
    Transponder,
}

/// Headers of columns of people.
const PERSON_HEADERS: &[&str] = &[
    "name",
    "names",
    "full name",
    "holder",
    "account holder",
    "cardholder",
    "card holder",
    "owner",
    "owners",
    "assignee",
    "assigned to",
    "responsible",
    "lead",
    "initials",
    "nurse",
    "doctor",
    "physician",
    "pilot",
    "captain",
    "commander",
    "reporter",
    "reported by",
    "caller",
    "contact",
    "technician",
    "engineer",
    "who",
    "by",
    "ack by",
    "acked by",
    "acknowledged by",
    "approved by",
    "signed by",
    "checked by",
    "witness",
    "author",
    "on call",
    "on-call",
    "dri",
    "person",
    "crew",
    "driver",
    "agent",
    "analyst",
    "pharmacist",
    "surgeon",
    "requester",
    "requestor",
    "customer name",
    "patient name",
    "employee name",
    "staff name",
    "responder",
    "incident commander",
    "approver",
    "reviewer",
    "surname",
    "forename",
    "first name",
    "last name",
    "given name",
    "family name",
    "account name",
    "inspector",
    "auditor",
    "signed",
    "operator on shift",
    "on shift",
    "tech",
    "collector",
    "handler",
    "signed off",
    "entered",
    "checked",
    "borrower",
    "borrowers",
    "borrower(s)",
    "guarantor",
    "applicant",
    "policyholder",
    "passenger",
    "pax name",
];

/// Headers of columns of employee, customer and account numbers.
const ID_HEADERS: &[&str] = &[
    "badge",
    "badge no",
    "badge id",
    "badge number",
    "staff no",
    "staff id",
    "staff number",
    "employee id",
    "employee no",
    "employee number",
    "emp id",
    "emp no",
    "member id",
    "member no",
    "member number",
    "customer id",
    "customer no",
    "customer number",
    "cust id",
    "account",
    "account no",
    "account id",
    "account number",
    "acct",
    "acct no",
    "client id",
    "tenant",
    "tenant id",
    "operator id",
    "agent id",
    "crew id",
    "pernr",
    "personnel no",
    "personnel number",
    "licence",
    "license",
    "licence no",
    "license no",
    "policy no",
    "policy number",
    "subscriber",
    "subscriber id",
    "user badge",
    "employee badge",
    "customer ref",
    "customer reference",
    "payer ref",
    "member ref",
    "sort code",
    "client no",
    "client number",
    "loan",
    "loan no",
    "loan number",
    "loan id",
    "vendor no",
    "vendor id",
    "vendor number",
    "supplier no",
    "supplier id",
    "supplier number",
    "merchant id",
    "mid",
    "tid",
    "terminal id",
    "psu",
    "psu id",
    "creditor id",
    "mandate",
    "mandate id",
    "mandate ref",
    "case",
    "case id",
    "case no",
    "case number",
];

/// Headers of columns of patients' record numbers.
const RECORD_HEADERS: &[&str] = &[
    "mrn",
    "patient id",
    "patient no",
    "patient number",
    "hospital no",
    "hospital number",
    "nhs no",
    "nhs number",
    "uhid",
    "chart",
    "chart no",
    "record no",
    "medical record",
    "등록번호",
    "환자번호",
    "患者id",
    "患者番号",
    "病历号",
    "住院号",
    "カルテ番号",
    "nº historia",
    "n historia",
    "historia",
    "ipp",
    "nip",
];

/// Headers whose cells are people or their numbers.
const PERSON_OR_ID_HEADERS: &[&str] = &[
    "operator",
    "user",
    "user id",
    "userid",
    "username",
    "user name",
    "login",
    "actor",
    "employee",
    "staff",
    "member",
    // user in Spanish, Portuguese, French, German, Italian, Dutch, Polish
    "usuario",
    "usuário",
    "utilisateur",
    "benutzer",
    "utente",
    "gebruiker",
    "użytkownik",
];

/// Headers whose cells are companies, people or their numbers.
const PARTY_HEADERS: &[&str] = &[
    "customer",
    "client",
    "tenant name",
    "merchant",
    "counterparty",
    "beneficiary",
    "payee",
    "payer",
    "debtor",
    "creditor",
];

/// Accounts of software, not people, in columns of users.
const SYSTEM_ACTORS: &[&str] = &[
    "system",
    "admin",
    "root",
    "service",
    "batch",
    "auto",
    "cron",
    "daemon",
    "scheduler",
    "sched",
    "api",
    "bot",
    "job",
    "sync",
    "import",
    "export",
    "interface",
    "hl7",
    "jenkins",
    "svc",
];

/// Cells that name nobody.
const EMPTY_CELLS: &[&str] = &[
    "",
    "-",
    "--",
    "—",
    "–",
    "n/a",
    "na",
    "none",
    "tbd",
    "tbc",
    "?",
    "all",
    "everyone",
    "nobody",
    "unassigned",
    "unknown",
    "yes",
    "no",
    "x",
];

fn column_of(header: &str) -> Option<Column> {
    // "AckBy" -> "ack by", "Staff no." -> "staff no", "badge_id" -> "badge id"
    let mut spaced = String::with_capacity(header.len() + 4);
    let mut prev_lower = false;
    for c in header.trim().chars() {
        if c.is_uppercase() && prev_lower {
            spaced.push(' ');
        }
        prev_lower = c.is_lowercase();
        spaced.push(if matches!(c, '_' | '#') { ' ' } else { c });
    }
    let h = spaced
        .to_lowercase()
        .replace(['.', ':', '*'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let h = h.as_str();
    // "patient (MRN)", "holder (name)": the header before its note
    if let Some((base, _)) = h.split_once(" (") {
        return column_of(base);
    }
    if RECORD_HEADERS.contains(&h) {
        Some(Column::Record)
    } else if h == "patient" {
        Some(Column::PatientOrRecord)
    } else if ID_HEADERS.contains(&h) {
        Some(Column::Id)
    } else if PERSON_OR_ID_HEADERS.contains(&h) {
        Some(Column::PersonOrId)
    } else if PARTY_HEADERS.contains(&h) {
        Some(Column::PartyOrId)
    } else if matches!(
        h,
        "flight" | "flight no" | "flight number" | "flt" | "flt no" | "trip" | "flight/date"
    ) {
        Some(Column::Flight)
    } else if matches!(
        h,
        "icao24" | "icao" | "hex" | "icao hex" | "icao address" | "mode s" | "mode s code"
    ) {
        Some(Column::Transponder)
    } else if PERSON_HEADERS.contains(&h) || (h.ends_with(" by") && h.len() > 3) {
        // "raised by", "performed by", "closed by": whoever did it
        Some(Column::Person)
    } else {
        None
    }
}

/// A number that identifies someone: three digits or more, letters and dashes allowed
/// ("0041827", "WH-1094", "H4471028"); no amounts ("14,202", "6.8"), times or dates.
fn id_shaped(v: &str) -> bool {
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    (4..=24).contains(&v.len())
        && digits >= 3
        && v.starts_with(|c: char| c.is_ascii_alphanumeric())
        && v.ends_with(|c: char| c.is_ascii_alphanumeric())
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !date_shaped(v)
}

/// A flight number: two letters or a letter and a digit (or three letters), an optional space,
/// one to four digits and an optional letter.
fn flight_shaped(v: &str) -> bool {
    let b = v.as_bytes();
    let upper_or_digit = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    let code_len = if b.len() > 3 && b[..3].iter().all(u8::is_ascii_uppercase) {
        3
    } else if b.len() > 2
        && b[..2].iter().all(upper_or_digit)
        && b[..2].iter().any(u8::is_ascii_uppercase)
    {
        2
    } else {
        return false;
    };
    let rest = &v[code_len..];
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=4).contains(&digits)
        && rest.len() - digits <= 1
        && rest[digits..].bytes().all(|c| c.is_ascii_uppercase())
}

/// "2024-08-31", "31-08-2024": a date, no number.
fn date_shaped(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    parts.len() == 3
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().any(|p| p.len() == 4)
}

/// Initials standing for a person: "MK", "J.M.", "R.O'D.", "J.-P. L.".
fn initials_shaped(v: &str) -> bool {
    let letters: Vec<char> = v.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.iter().filter(|c| c.is_uppercase()).count();
    (2..=4).contains(&letters.len())
        && caps + 1 >= letters.len()
        && v.chars().next().is_some_and(char::is_uppercase)
        && v.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | ' ' | '\'' | '’'))
        && (v.contains('.') || letters.iter().all(|c| c.is_uppercase()) && !v.contains(' '))
}

impl Detectors {
    /// People and numbers in the cells of tables whose header names them. Only cells inside
    /// `within` (when given) are reported: a rescan reads the regions it changed.
    pub(crate) fn table_cells(
        &self,
        text: &str,
        within: Option<&[(usize, usize)]>,
        facts: &mut DocFacts,
        out: &mut Vec<Cand>,
    ) {
        if !text.contains(['|', ',', '\t']) && !text.contains("  ") {
            return;
        }
        let lines: Vec<(usize, &str)> = {
            let mut pos = 0;
            text.split_inclusive('\n')
                .map(|l| {
                    let at = pos;
                    pos += l.len();
                    (at, l.trim_end_matches(['\n', '\r']))
                })
                .collect()
        };
        let mut i = 0;
        while i < lines.len() {
            let Some(table) = pipe_table(&lines[i..])
                .or_else(|| separated_table(&lines[i..]))
                .or_else(|| psql_table(&lines[i..]))
                .or_else(|| select_table(&lines[i..]))
                .or_else(|| aligned_table(&lines[i..]))
            else {
                i += 1;
                continue;
            };
            if table.columns.iter().any(Option::is_some) {
                let rows = lines.iter().skip(i + table.header_lines).take(table.rows);
                for &(at, row) in rows {
                    for (k, (off, cell)) in table.cells(row).into_iter().enumerate() {
                        if let Some(Some(col)) = table.columns.get(k) {
                            self.table_cell(text, at + off, cell, *col, within, facts, out);
                        }
                    }
                }
            }
            i += table.header_lines + table.rows;
        }
    }

    /// One cell (`value` at `start` in `text`, trimmed) of a column of `col`.
    #[allow(clippy::too_many_arguments)]
    fn table_cell(
        &self,
        text: &str,
        start: usize,
        value: &str,
        col: Column,
        within: Option<&[(usize, usize)]>,
        facts: &mut DocFacts,
        out: &mut Vec<Cand>,
    ) {
        let lead = value.len() - value.trim_start_matches([' ', '"']).len();
        let v = value.trim_matches([' ', '"']);
        let start = start + lead;
        let end = start + v.len();
        if within.is_some_and(|w| !w.iter().any(|&(a, z)| a <= start && end <= z))
            || EMPTY_CELLS.contains(&v.to_lowercase().as_str())
            || v.contains(['[', '@'])
            || self.is_protected_term(v)
        {
            return;
        }
        let id = id_shaped(v);
        match col {
            Column::Id | Column::PersonOrId | Column::PartyOrId if id => {
                out.push(
                    Cand::new(start, end, Kind::AccountId).key(normalise_key(Kind::AccountId, v)),
                );
            }
            Column::Record | Column::PatientOrRecord if id => {
                out.push(
                    Cand::new(start, end, Kind::MedicalRecord)
                        .key(normalise_key(Kind::MedicalRecord, v)),
                );
            }
            Column::Person | Column::PersonOrId | Column::PatientOrRecord => {
                // "PEREIRA, ANTONIO (000734112)": the patient and the record number
                if let Some((name, num)) = v.strip_suffix(')').and_then(|x| x.rsplit_once(" (")) {
                    if id_shaped(num) && num.bytes().any(|b| b.is_ascii_digit()) {
                        let at = start + name.len() + 2;
                        let kind = if col == Column::PersonOrId {
                            Kind::AccountId
                        } else {
                            Kind::MedicalRecord
                        };
                        out.push(Cand::new(at, at + num.len(), kind).key(normalise_key(kind, num)));
                    }
                }
                // "AS / TN", "Kofi Asante & Ama Owusu": several people in one cell
                let mut cuts: Vec<(usize, usize)> = [" / ", " & ", "; ", " + "]
                    .iter()
                    .flat_map(|sep| v.match_indices(sep).map(|(at, m)| (at, at + m.len())))
                    .collect();
                cuts.sort_unstable();
                cuts.push((v.len(), v.len()));
                let mut parts: Vec<(usize, &str)> = Vec::new();
                let mut from = 0;
                for (at, next) in cuts {
                    if at >= from {
                        let piece = &v[from..at];
                        let lead = piece.len() - piece.trim_start().len();
                        parts.push((start + from + lead, piece.trim()));
                        from = next;
                    }
                }
                // initials beside initials are people, even "AS" or "PM"
                let all_initials = parts.len() > 1 && parts.iter().all(|(_, p)| initials_shaped(p));
                for (at, part) in parts {
                    if all_initials {
                        let key = normalise_key(Kind::Person, part);
                        out.push(Cand::new(at, at + part.len(), Kind::Person).key(key));
                    } else {
                        self.person_cell(text, at, part, Kind::Person, facts, out);
                    }
                }
            }
            // "Northwind Traders" under "Customer" is a company; "Kofi Asante" a person
            Column::PartyOrId => {
                let first = v.split([' ', ',']).next().unwrap_or("").to_lowercase();
                let kind = if LISTS.given.contains(&first) {
                    Kind::Person
                } else {
                    Kind::Org
                };
                self.person_cell(text, start, v, kind, facts, out);
            }
            // "KV 502", "QK118": an airline's code and a number
            Column::Flight if flight_shaped(v) => {
                out.push(Cand::new(start, end, Kind::Flight).key(normalise_key(Kind::Flight, v)));
            }
            // "06A1C4", "4ca8f2"
            Column::Transponder if crate::detect::transponder_address(v) => {
                out.push(Cand::new(start, end, Kind::Aircraft).key(v.to_lowercase()));
            }
            Column::Id | Column::Record | Column::Flight | Column::Transponder => {}
        }
    }

    /// A person's name, initials or login in a cell of a column of people; a name-shaped
    /// cell is taken as `names` (a person, or a company in a column of customers).
    fn person_cell(
        &self,
        text: &str,
        start: usize,
        v: &str,
        names: Kind,
        facts: &mut DocFacts,
        out: &mut Vec<Cand>,
    ) {
        // a role or team in brackets after the name: "Kofi Asante (RN)"
        let v = v.split(" (").next().unwrap_or(v).trim_end();
        let end = start + v.len();
        let lower = v.to_lowercase();
        let team_or_role = |l: &str| {
            TEAM_WORDS.contains(&l) || person::ROLE_WORDS.contains(&l) || is_common_word(l)
        };
        if v.is_empty() || team_or_role(&lower) {
            return;
        }
        // "usr-jbaker", "hzhou-ops": a login
        if !v.contains(' ')
            && v.chars().any(|c| c.is_ascii_lowercase())
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
            && (v.contains(['.', '_', '-']) || v.chars().any(|c| c.is_ascii_digit()))
        {
            out.push(Cand::new(start, end, Kind::Username).key(normalise_key(Kind::Username, v)));
            return;
        }
        // "lmorrow", "pmorin": a login of letters, no word ("system", "admin")
        if (4..=24).contains(&v.len())
            && v.bytes().all(|b| b.is_ascii_lowercase())
            && !person::is_english_word(&lower)
            && !SYSTEM_ACTORS.contains(&lower.as_str())
        {
            out.push(Cand::new(start, end, Kind::Username).key(normalise_key(Kind::Username, v)));
            return;
        }
        if initials_shaped(v) {
            let letters: String = v.chars().filter(|c| c.is_alphabetic()).collect();
            if v.contains('.') || !person::is_everyday_abbreviation(&letters) {
                out.push(Cand::new(start, end, Kind::Person).key(normalise_key(Kind::Person, v)));
            }
            return;
        }
        // "Lefebvre, Amandine": surname first
        let (words, order_ok): (Vec<&str>, bool) = match v.split_once(", ") {
            Some((sn, gn)) => (
                sn.split(' ').chain(gn.split(' ')).collect(),
                !sn.is_empty() && !gn.is_empty(),
            ),
            None => (v.split(' ').collect(), true),
        };
        let word_ok = |w: &str| {
            let l = w.to_lowercase();
            (person::PARTICLES.contains(&l.as_str()))
                || (w.starts_with(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                    && !team_or_role(&l)
                    && !self.is_protected_term(w))
        };
        let named = words.iter().any(|w| {
            let l = w.to_lowercase();
            let l = l.trim_end_matches('.');
            LISTS.given.contains(l)
                || LISTS.surnames.contains(l)
                || (l.len() > 2 && !person::is_english_word(l) && !is_common_word(l))
        });
        if order_ok && (1..=4).contains(&words.len()) && words.iter().all(|w| word_ok(w)) && named {
            if names == Kind::Person {
                person::push_person(text, start, end, facts, out);
            } else {
                facts.orgs.push(lower.clone());
                out.push(Cand::new(start, end, names).key(normalise_key(names, v)));
            }
        }
    }
}

/// How the rows of a table split into cells.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Split {
    /// Markdown (and MySQL client) rows between outer pipes: "| a | b |"
    Pipes,
    /// query output without outer pipes, maybe behind a comment mark: "-- 4003 | Okeke"
    Bars,
    /// comma- or tab-separated fields
    Char(char),
    /// cells two spaces or more apart, under the header labels starting at these columns
    Aligned(Vec<usize>),
}

/// A table found at some line: what its columns hold and how its rows split into cells.
struct Table {
    columns: Vec<Option<Column>>,
    split: Split,
    /// lines before the first row: the header (and a rule), or a query and what follows it
    header_lines: usize,
    rows: usize,
}

impl Table {
    fn cells<'r>(&self, row: &'r str) -> Vec<(usize, &'r str)> {
        match &self.split {
            Split::Pipes => pipe_cells(row).collect(),
            Split::Bars => bar_cells(row),
            Split::Char(sep) => separated_cells(row, *sep),
            Split::Aligned(starts) => {
                let cells = aligned_cells(row);
                if cells.len() == starts.len() {
                    return cells;
                }
                // fewer or more cells than labels: each cell goes under the label it starts at
                // (or a column or two before: exports drift)
                let mut placed: Vec<(usize, &str)> = vec![(0, ""); starts.len()];
                for (at, cell) in cells {
                    let k = starts.partition_point(|&h| h <= at + 2);
                    if let Some(slot) = k.checked_sub(1).and_then(|k| placed.get_mut(k)) {
                        if slot.1.is_empty() {
                            *slot = (at, cell);
                        }
                    }
                }
                placed
            }
        }
    }
}

/// A Markdown table starting at `lines[0]`: a header row, a rule, rows.
fn pipe_table(lines: &[(usize, &str)]) -> Option<Table> {
    let (&(_, header), rest) = lines.split_first()?;
    let (&(_, rule), rows) = rest.split_first()?;
    let is_row = |l: &str| l.trim_start().starts_with('|');
    let is_rule = |l: &str| {
        is_row(l) && l.contains('-') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    // the MySQL client draws "+----+------+" above and below the header
    let border = |l: &str| {
        let l = l.trim();
        l.starts_with("+-") && l.ends_with('+') && l.chars().all(|c| matches!(c, '+' | '-'))
    };
    if border(header) && is_row(rule) && rows.first().is_some_and(|(_, l)| border(l)) {
        let body = rows.get(1..).unwrap_or(&[]);
        return Some(Table {
            columns: pipe_cells(rule).map(|(_, h)| column_of(h)).collect(),
            split: Split::Pipes,
            header_lines: 3,
            rows: body.iter().take_while(|(_, l)| is_row(l)).count(),
        });
    }
    if !is_row(header) || !is_rule(rule) {
        return None;
    }
    Some(Table {
        columns: pipe_cells(header).map(|(_, h)| column_of(h)).collect(),
        split: Split::Pipes,
        header_lines: 2,
        rows: rows.iter().take_while(|(_, l)| is_row(l)).count(),
    })
}

/// PostgreSQL's client output starting at `lines[0]`: a header of column names between bars,
/// a rule of dashes and pluses, rows of as many cells ("  mrn | family_name\n-----+-----").
fn psql_table(lines: &[(usize, &str)]) -> Option<Table> {
    let (&(_, header), rest) = lines.split_first()?;
    let (&(_, rule), rows) = rest.split_first()?;
    let rule = rule.trim();
    if !header.contains('|')
        || header.trim_start().starts_with('|')
        || !rule.contains("-+-")
        || !rule.chars().all(|c| matches!(c, '+' | '-'))
    {
        return None;
    }
    let names = bar_cells(header);
    if names.len() != rule.matches('+').count() + 1 {
        return None;
    }
    let n = rows
        .iter()
        .take_while(|(_, l)| bar_cells(l).len() == names.len())
        .count();
    Some(Table {
        columns: names.iter().map(|(_, h)| column_of(h)).collect(),
        split: Split::Bars,
        header_lines: 2,
        rows: n,
    })
}

/// A query's output pasted under it: a `SELECT` of named columns at `lines[0]` (its column
/// list may run over a few lines), then, within a few lines, rows of exactly as many cells
/// between bars, maybe commented out ("-- 40031877 | Okeke | K | 6.4"). The column list names
/// what each cell is.
fn select_table(lines: &[(usize, &str)]) -> Option<Table> {
    let (&(_, first), _) = lines.split_first()?;
    let head = first.trim_start();
    if !head
        .get(..7)
        .is_some_and(|h| h.eq_ignore_ascii_case("select "))
    {
        return None;
    }
    // the column list, up to FROM
    let mut list = String::new();
    let mut used = 0;
    for &(_, l) in lines.iter().take(8) {
        used += 1;
        let lower = l.to_ascii_lowercase();
        match lower
            .find(" from ")
            .or_else(|| lower.trim_start().starts_with("from ").then_some(0))
        {
            Some(at) => {
                list.push_str(&l[..at]);
                break;
            }
            None => {
                list.push_str(l);
                list.push(' ');
            }
        }
    }
    let list = list.trim_start().get(7..)?.trim();
    let columns = select_columns(list)?;
    if columns.len() < 2 || columns.iter().all(Option::is_none) {
        return None;
    }
    // the rows: the first run of lines with exactly as many cells, within 20 lines
    let after = lines.get(used..)?;
    let skip = after
        .iter()
        .take(20)
        .position(|(_, l)| bar_cells(l).len() == columns.len())?;
    let rows = after[skip..]
        .iter()
        .take_while(|(_, l)| bar_cells(l).len() == columns.len())
        .count();
    Some(Table {
        columns,
        split: Split::Bars,
        header_lines: used + skip,
        rows,
    })
}

/// What each column of a `SELECT` list holds: "r.mrn, p.family_name AS surname, count(*)"
/// reads by its alias or its own name; `None` for expressions and unknown names, nothing at all
/// for `*`.
fn select_columns(list: &str) -> Option<Vec<Option<Column>>> {
    let mut columns = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    let mut items = Vec::new();
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&list[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&list[from..]);
    for item in items {
        let item = item.trim();
        if item.is_empty() || item.ends_with('*') {
            return None;
        }
        let name = item.rsplit([' ', '\t']).next().unwrap_or(item);
        let name = name
            .rsplit('.')
            .next()
            .unwrap_or(name)
            .trim_matches(['"', '`', '[', ']']);
        let plain = name.chars().all(|c| c.is_alphanumeric() || c == '_');
        columns.push(if plain { column_of(name) } else { None });
    }
    Some(columns)
}

/// A comma- or tab-separated table starting at `lines[0]`: a header of labels, then at least
/// one row of as many fields.
fn separated_table(lines: &[(usize, &str)]) -> Option<Table> {
    let (&(_, header), rows) = lines.split_first()?;
    // most lines are prose: a short line of two separators or more, checked before any
    // allocation
    if header.len() > 400 || header.contains('|') {
        return None;
    }
    let sep = [',', '\t']
        .into_iter()
        .find(|&s| header.matches(s).nth(1).is_some())?;
    // a header is labels: words (a digit after a letter: "icao24", "addr2"), no numbers, no
    // sentences
    let labelish = |l: &str| {
        let l = l.trim_matches('"');
        !l.is_empty()
            && l.len() <= 32
            && l.split_whitespace().nth(4).is_none()
            && !l.starts_with(|c: char| c.is_ascii_digit())
            && l.chars()
                .all(|c| c.is_alphanumeric() || " _-./#()".contains(c))
    };
    if !header.split(sep).all(labelish) {
        return None;
    }
    let labels = separated_cells(header, sep);
    let n = rows
        .iter()
        .take_while(|(_, l)| separated_cells(l, sep).len() == labels.len())
        .count();
    (n > 0).then(|| Table {
        columns: labels
            .iter()
            .map(|(_, h)| column_of(h.trim_matches('"')))
            .collect(),
        split: Split::Char(sep),
        header_lines: 1,
        rows: n,
    })
}

/// A table of columns aligned with spaces starting at `lines[0]`: a header of three labels or
/// more, two spaces or more apart, at least one of them a column we read, then the rows up to
/// a blank line, each of two cells or more starting where the header does.
fn aligned_table(lines: &[(usize, &str)]) -> Option<Table> {
    let (&(_, header), rows) = lines.split_first()?;
    // most lines are prose: two gaps of two spaces and no number (a digit only after a
    // letter: "icao24"), checked byte by byte before any allocation
    if header.len() > 300 {
        return None;
    }
    let (mut gaps, mut blanks, mut after_letter) = (0, 0, false);
    for &b in header.as_bytes() {
        if (b.is_ascii_digit() && !after_letter) || b == b'|' || b == b'\t' {
            return None;
        }
        after_letter = b.is_ascii_alphanumeric();
        blanks = if b == b' ' { blanks + 1 } else { 0 };
        if blanks == 2 {
            gaps += 1;
            blanks = 0;
        }
    }
    if gaps < 2 {
        return None;
    }
    let labels = aligned_cells(header);
    let labelish = |l: &str| {
        l.len() <= 32
            && l.split(' ').nth(3).is_none()
            && l.chars()
                .all(|c| c.is_alphanumeric() || " _-./#()".contains(c))
    };
    if labels.len() < 3 || !labels.iter().all(|(_, l)| labelish(l)) {
        return None;
    }
    let columns: Vec<Option<Column>> = labels.iter().map(|(_, l)| column_of(l)).collect();
    if columns.iter().all(Option::is_none) {
        return None;
    }
    let first = labels.first().map_or(0, |(at, _)| *at);
    let n = rows
        .iter()
        .take_while(|(_, l)| {
            let cells = aligned_cells(l);
            cells.len() >= 2 && cells.first().is_some_and(|(at, _)| at.abs_diff(first) <= 2)
        })
        .count();
    (n > 0).then(|| Table {
        columns,
        split: Split::Aligned(labels.iter().map(|(at, _)| *at).collect()),
        header_lines: 1,
        rows: n,
    })
}

/// The cells of a row aligned with spaces: runs of text between gaps of two spaces or more
/// (one space stays inside a cell: "LXH 1284", "Rosa Linares").
fn aligned_cells(row: &str) -> Vec<(usize, &str)> {
    let mut cells = Vec::new();
    let bytes = row.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !(bytes[i] == b' ' && bytes.get(i + 1).is_none_or(|&b| b == b' '))
        {
            i += 1;
        }
        cells.push((start, &row[start..i]));
    }
    cells
}

/// The cells of a Markdown table row: (offset in the row, text), without the outer pipes.
fn pipe_cells(row: &str) -> impl Iterator<Item = (usize, &str)> {
    let body_start = row.find('|').map_or(0, |p| p + 1);
    let body = &row[body_start..];
    let body = body.strip_suffix('|').unwrap_or(body);
    let mut pos = body_start;
    body.split('|').map(move |c| {
        let at = pos;
        pos += c.len() + 1;
        (at, c)
    })
}

/// The cells of a row of query output: split at bars, after a comment mark ("-- ", "# ",
/// "// ", "> ") if the row has one; a row without a bar is one cell.
fn bar_cells(row: &str) -> Vec<(usize, &str)> {
    if !row.contains('|') {
        return vec![(0, row)];
    }
    let trimmed = row.trim_start();
    let mut at = row.len() - trimmed.len();
    for mark in ["--", "//", "#", ">"] {
        if let Some(rest) = trimmed.strip_prefix(mark) {
            if rest.starts_with([' ', '\t']) {
                at += mark.len();
            }
            break;
        }
    }
    let mut cells = Vec::new();
    let mut start = at;
    for (i, c) in row[at..].char_indices() {
        if c == '|' {
            cells.push((start, &row[start..at + i]));
            start = at + i + 1;
        }
    }
    cells.push((start, &row[start..]));
    cells
}

/// The fields of a separated row: (offset in the row, text), double quotes respected.
fn separated_cells(row: &str, sep: char) -> Vec<(usize, &str)> {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in row.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            cells.push((start, &row[start..i]));
            start = i + c.len_utf8();
        }
    }
    cells.push((start, &row[start..]));
    cells
}
