//! From a table's rows to profile drafts: which row holds the headers, which column feeds
//! which field (recognised from Chinese and English headers, phone-contact exports' headers,
//! and Carnet's own in three languages, corrected by the consultant and saved), and each
//! data row as a [`RowDraft`].

use std::collections::HashMap;

use carnet_core::ProfileDraft;

use crate::Table;
use crate::labels::labels;
use crate::text::{strip_formula_guard, to_half_width};

/// Where a column's values go: a profile field (see [`carnet_core::FIELDS`]), or one of
/// these: the customer's Carnet id, the given/family name parts of contact exports, the
/// year/month/day parts of a birthday, or the notes under the column's own header.
pub const ID: &str = "id";
pub const GIVEN_NAME: &str = "given_name";
pub const FAMILY_NAME: &str = "family_name";
pub const BIRTH_YEAR: &str = "birth_year";
pub const BIRTH_MONTH: &str = "birth_month";
pub const BIRTH_DAY: &str = "birth_day";
/// A column Carnet has no field for: its values are kept in the notes under its header
/// ("介绍人：王五"), never dropped. What an unknown column with values is mapped to.
pub const KEEP: &str = "keep";

/// Every target a column may be mapped to, in the order a mapping menu lists them.
pub fn targets() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = carnet_core::FIELDS.iter().map(|f| f.name).collect();
    all.extend([
        GIVEN_NAME,
        FAMILY_NAME,
        BIRTH_YEAR,
        BIRTH_MONTH,
        BIRTH_DAY,
        ID,
        KEEP,
    ]);
    all
}

/// Headers of columns that hold nothing about the customer (a row number): not kept.
const IGNORED: &[&str] = &["序号", "序", "行号", "no", "index", "#", "编号no"];

/// Headers recognised besides the labels Carnet itself writes, normalised (see [`norm`]).
const ALIASES: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "客户姓名",
            "客户名称",
            "客户名",
            "客户",
            "名字",
            "联系人",
            "顾客姓名",
            "客戶姓名",
            "name",
            "customer",
            "customername",
            "fullname",
            "displayname",
            "contactname",
        ],
    ),
    (GIVEN_NAME, &["givenname", "firstname", "名"]),
    (FAMILY_NAME, &["familyname", "lastname", "surname", "姓"]),
    (
        "phones",
        &[
            "手机",
            "手机号",
            "手机号码",
            "电话",
            "电话号码",
            "联系电话",
            "联系方式",
            "移动电话",
            "手機",
            "手機號碼",
            "聯繫電話",
            "聯絡電話",
            "phone",
            "mobile",
            "mobilephone",
            "cell",
            "cellphone",
            "tel",
            "telephone",
            "phonenumber",
            "primaryphone",
            "homephone",
            "businessphone",
            "otherphone",
            "workphone",
            "mobilenumber",
            "home2phone",
            "business2phone",
            "carphone",
            "手机1",
            "手机2",
            "电话1",
            "电话2",
            "其他电话",
            "其他電話",
            "otherphones",
            "座机",
            "座機",
            "固话",
            "办公电话",
            "家庭电话",
        ],
    ),
    ("wechat", &["微信号", "微信id", "wechatid", "weixin"]),
    (
        "emails",
        &[
            "email",
            "e-mail",
            "emailaddress",
            "primaryemail",
            "secondemail",
            "secondaryemail",
            "邮箱",
            "电子邮件",
            "电子邮箱",
            "邮件",
            "郵箱",
            "電子郵件",
        ],
    ),
    (BIRTH_YEAR, &["birthyear", "出生年份"]),
    (BIRTH_MONTH, &["birthmonth", "出生月份"]),
    (BIRTH_DAY, &["birthday day", "birthdayday", "出生日"]),
    ("region", &["区域", "城市", "所在地区", "city"]),
    (
        "address",
        &[
            "住址",
            "家庭住址",
            "联系地址",
            "homeaddress",
            "address1formatted",
            "homestreet",
        ],
    ),
    (
        "occupation",
        &[
            "职位",
            "职务",
            "jobtitle",
            "job",
            "organization1title",
            "organizationtitle",
        ],
    ),
    (
        "company",
        &[
            "公司",
            "工作单位",
            "单位名称",
            "organization",
            "organization1name",
            "organizationname",
            "employer",
        ],
    ),
    ("budget", &["购车预算", "预算万", "预算（万）"]),
    (
        "models",
        &[
            "车型",
            "意向",
            "关注车型",
            "意向车系",
            "model",
            "interestedmodel",
            "意向車型",
        ],
    ),
    ("purposes", &["购车用途", "purpose"]),
    (
        "timeframe",
        &["预计购车时间", "计划购车时间", "购买时间", "purchasetime"],
    ),
    ("level", &["客户级别", "意向级别", "客户等级", "grade"]),
    ("decision_maker", &["decisionmaker"]),
    ("car_plate", &["车牌号", "车牌号码", "車牌號"]),
    ("payment", &["支付方式"]),
    ("source", &["客户来源", "渠道", "来源渠道"]),
    ("tags", &["tag"]),
    (
        "notes",
        &[
            "说明",
            "备注信息",
            "note",
            "remarks",
            "remark",
            "comment",
            "comments",
            "memo",
            "other",
        ],
    ),
    (
        "birthday",
        &["出生日期", "生日日期", "bday", "dateofbirth", "birthdate"],
    ),
    ("birthday_lunar", &["农历"]),
];

/// A header as compared: lower case, without spaces and punctuation.
pub fn norm(header: &str) -> String {
    to_half_width(header)
        .chars()
        .filter(|c| !c.is_whitespace() && !"_-*:：()（）.#".contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The target a header names, if Carnet knows it.
pub fn recognise(header: &str) -> Option<&'static str> {
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    // Google's and Outlook's numbered phone columns: "Phone 1 - Value", "Mobile Phone 2";
    // and their e-mail columns: "E-mail 1 - Value", "E-mail 2 Address".
    if (h.starts_with("phone") && h.ends_with("value")) || h.starts_with("mobilephone") {
        return Some("phones");
    }
    if h.starts_with("email") && (h.ends_with("value") || h.ends_with("address")) {
        return Some("emails");
    }
    // Thunderbird's "Birth Day" is the day of the month, beside "Birth Month" and "Birth Year".
    if h == "birthday" && header.trim().eq_ignore_ascii_case("birth day") {
        return Some(BIRTH_DAY);
    }
    let own = labels().find_map(|l| {
        let own_target = targets().into_iter().find(|t| *t == l.key)?;
        l.texts().any(|text| norm(text) == h).then_some(own_target)
    });
    own.or_else(|| {
        ALIASES
            .iter()
            .find(|(_, aliases)| aliases.iter().any(|a| norm(a) == h))
            .map(|(target, _)| *target)
    })
}

/// A column Carnet's own export writes that the book keeps by itself (when the customer was
/// added): not kept in the notes on the way back.
fn is_own_bookkeeping(header: &str) -> bool {
    labels()
        .filter(|l| l.key == "created_at")
        .any(|l| l.texts().any(|text| norm(text) == header))
}

/// How a table is read: its header row (0-based) and each column's target.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mapping {
    pub header_row: usize,
    pub columns: Vec<Option<String>>,
}

impl Mapping {
    /// The headers of the mapped table.
    pub fn headers<'t>(&self, table: &'t Table) -> &'t [String] {
        table.rows.get(self.header_row).map_or(&[], Vec::as_slice)
    }
}

/// A mapping the consultant corrected before, by header: applied over the guess next time.
pub type SavedMapping = HashMap<String, Option<String>>;

/// Finds the header row (the one among the first 20 where most headers are known; title
/// rows above it are skipped) and maps each column, a saved correction first.
pub fn guess(table: &Table, saved: &SavedMapping) -> Mapping {
    let known = |row: &Vec<String>| {
        row.iter()
            .filter(|h| {
                saved
                    .get(&norm(h))
                    .map_or(recognise(h).is_some(), Option::is_some)
            })
            .count()
    };
    let header_row = table
        .rows
        .iter()
        .take(20)
        .enumerate()
        .max_by_key(|(i, row)| (known(row), std::cmp::Reverse(*i)))
        .filter(|(_, row)| known(row) > 0)
        .map(|(i, _)| i)
        .or_else(|| {
            table
                .rows
                .iter()
                .position(|r| r.iter().any(|c| !c.is_empty()))
        })
        .unwrap_or(0);
    at_header_row(table, header_row, saved)
}

/// The columns of a table whose headers are in row `header_row` (0-based): the consultant
/// chose it, or [`guess`] found it.
pub fn at_header_row(table: &Table, header_row: usize, saved: &SavedMapping) -> Mapping {
    let headers = table.rows.get(header_row).cloned().unwrap_or_default();
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    // How many values each column holds below the header.
    let mut filled = vec![0usize; width];
    for row in table.rows.iter().skip(header_row + 1) {
        for (i, cell) in row.iter().enumerate() {
            if !cell.trim().is_empty() {
                filled[i] += 1;
            }
        }
    }
    let mut columns: Vec<Option<String>> = (0..width)
        .map(|i| {
            let header = headers.get(i).map_or("", String::as_str);
            match saved.get(&norm(header)) {
                Some(target) => target.clone(),
                None => recognise(header).map(str::to_owned).or_else(|| {
                    // A column Carnet does not know, that holds something: kept in the notes.
                    let h = norm(header);
                    let ignored = IGNORED.contains(&h.as_str()) || is_own_bookkeeping(&h);
                    (filled[i] > 0 && !ignored).then(|| KEEP.to_owned())
                }),
            }
        })
        .collect();
    // A field fed by two columns keeps the one with the most values (an empty "Occupation"
    // beside a filled "Organization 1 - Title"), the first of equals; except where values add
    // up (phones and the lists, notes, columns kept in the notes).
    let mut chosen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, column) in columns.iter().enumerate() {
        if let Some(target) = column
            && !adds_up(target)
        {
            let best = chosen.entry(target.clone()).or_insert(i);
            if filled[i] > filled[*best] {
                *best = i;
            }
        }
    }
    for (i, column) in columns.iter_mut().enumerate() {
        if let Some(target) = column.clone()
            && !adds_up(&target)
            && chosen.get(&target) != Some(&i)
        {
            *column = None;
        }
    }
    Mapping {
        header_row,
        columns,
    }
}

/// Whether the values of several columns mapped to `target` are combined rather than the
/// first kept: the lists (phones, e-mails, models, purposes, priorities, tags), the notes, and
/// the columns kept in the notes.
fn adds_up(target: &str) -> bool {
    target == "notes"
        || target == KEEP
        || carnet_core::profile::field(target).is_some_and(|f| f.is_list())
}

/// One data row read into a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct RowDraft {
    /// 1-based, as the sheet shows it (the card's number in a vCard file).
    pub row: usize,
    /// The Carnet id the row carried, if an id column was mapped.
    pub id: Option<String>,
    pub draft: ProfileDraft,
    /// For each field set, the column it came from (to name it in an error).
    pub sources: Vec<(String, usize)>,
    /// Values kept in the notes under their column's header rather than understood, by
    /// column: a column Carnet has no field for, or a value that could not even be set (a
    /// "lunar" column holding "maybe").
    pub kept: Vec<(usize, String)>,
}

impl RowDraft {
    /// The column a field's value came from.
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.sources
            .iter()
            .find(|(f, _)| f == field || (field == "name" && (f == GIVEN_NAME || f == FAMILY_NAME)))
            .map(|(_, c)| *c)
    }
}

/// Every non-blank row below the header as a draft. `synthetic_header` numbers rows from the
/// first data row (vCards, whose header row Carnet made up).
pub fn rows(table: &Table, mapping: &Mapping, synthetic_header: bool) -> Vec<RowDraft> {
    table
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, cells)| row_at(i, cells, mapping, synthetic_header))
        .collect()
}

/// The table's row `index` (0-based, its cells `cells`) as a draft: `None` for the header and
/// the rows above it, and for a blank row. An import reads a big file so, a row at a time.
pub fn row_at(
    index: usize,
    cells: &[String],
    mapping: &Mapping,
    synthetic_header: bool,
) -> Option<RowDraft> {
    if index <= mapping.header_row || cells.iter().all(|c| c.trim().is_empty()) {
        return None;
    }
    let row = if synthetic_header {
        index - mapping.header_row
    } else {
        index + 1
    };
    Some(read_row(row, cells, &mapping.columns))
}

fn read_row(row: usize, cells: &[String], columns: &[Option<String>]) -> RowDraft {
    let mut out = RowDraft {
        row,
        id: None,
        draft: ProfileDraft::default(),
        sources: Vec::new(),
        kept: Vec::new(),
    };
    let mut given = String::new();
    let mut family = String::new();
    let mut birth: [String; 3] = Default::default();
    let mut lists: HashMap<&str, Vec<String>> = HashMap::new();
    for (col, target) in columns.iter().enumerate() {
        let Some(target) = target.as_deref() else {
            continue;
        };
        let raw = cells.get(col).map_or("", String::as_str);
        let value = strip_formula_guard(raw.trim()).trim();
        if value.is_empty() {
            continue;
        }
        if !out.sources.iter().any(|(f, _)| f == target) {
            out.sources.push((target.to_owned(), col));
        }
        match target {
            ID => out.id = Some(value.to_owned()),
            GIVEN_NAME => given = value.to_owned(),
            FAMILY_NAME => family = value.to_owned(),
            BIRTH_YEAR => birth[0] = value.to_owned(),
            BIRTH_MONTH => birth[1] = value.to_owned(),
            BIRTH_DAY => birth[2] = value.to_owned(),
            KEEP => out.kept.push((col, value.to_owned())),
            "phones" => lists
                .entry("phones")
                .or_default()
                .extend(split_phones(value)),
            "emails" => lists.entry("emails").or_default().extend(split_list(value)),
            list if let Some(spec) = carnet_core::profile::field(list)
                && spec.is_list() =>
            {
                lists.entry(spec.name).or_default().push(value.to_owned());
            }
            "notes" if !out.draft.notes.is_empty() => {
                out.draft.notes.push('\n');
                out.draft.notes.push_str(value);
            }
            "birthday" => out.draft.birthday = birthday_text(value),
            "birthday_lunar" => {
                let yes = ["是", "yes", "y", "true", "1", "农历", "農曆", "lunar"];
                let lunar = yes.iter().any(|y| value.eq_ignore_ascii_case(y));
                let no = ["否", "no", "n", "false", "0", "公历", "公曆", "solar"];
                if lunar || no.iter().any(|n| value.eq_ignore_ascii_case(n)) {
                    out.draft.birthday_lunar = lunar;
                } else {
                    out.kept.push((col, value.to_owned()));
                }
            }
            field => {
                if out.draft.set(field, value).is_err() {
                    out.kept.push((col, value.to_owned()));
                }
            }
        }
    }
    for (key, items) in lists {
        // Set item by item: a list cell's own commas are not taken apart again.
        match key {
            "phones" => out.draft.phones = items,
            "emails" => out.draft.emails = items,
            _ => {
                let _ = out.draft.set(key, &items.join(", "));
            }
        }
    }
    if out.draft.birthday.is_empty() && !birth[1].is_empty() && !birth[2].is_empty() {
        let pad = |s: &str| format!("{:0>2}", s.trim());
        out.draft.birthday = if birth[0].trim().is_empty() {
            format!("{}-{}", pad(&birth[1]), pad(&birth[2]))
        } else {
            format!("{}-{}-{}", birth[0].trim(), pad(&birth[1]), pad(&birth[2]))
        };
        if let Some(col) = columns.iter().position(|c| c.as_deref() == Some(BIRTH_DAY)) {
            out.sources.push(("birthday".to_owned(), col));
        }
    } else {
        // A part of a birthday alone: kept, not lost.
        for (part, target) in birth.iter().zip([BIRTH_YEAR, BIRTH_MONTH, BIRTH_DAY]) {
            if !part.trim().is_empty()
                && let Some(col) = columns.iter().position(|c| c.as_deref() == Some(target))
                && out.draft.birthday.is_empty()
            {
                out.kept.push((col, part.clone()));
            }
        }
    }

    if out.draft.name.trim().is_empty() && !(given.is_empty() && family.is_empty()) {
        let cjk = |s: &str| s.chars().any(|c| ('\u{3400}'..='\u{9FFF}').contains(&c));
        out.draft.name = if cjk(&family) || cjk(&given) {
            format!("{family}{given}")
        } else {
            format!("{given} {family}").trim().to_owned()
        };
    }
    out
}

/// Several items in one cell: split on commas, semicolons, 、 and line ends.
fn split_list(cell: &str) -> Vec<String> {
    cell.split([',', '，', ';', '；', '、', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Several phones in one cell: split on commas, semicolons, 、 and line ends; on slashes and
/// bars when every piece is a whole number ("13812345678/13987654321", not "0987 /6543");
/// and on spaces when every piece is a whole number (not "138 1234 5678").
pub fn split_phones(cell: &str) -> Vec<String> {
    let cell = to_half_width(cell);
    let digits = |p: &str| p.chars().filter(char::is_ascii_digit).count();
    let pieces: Vec<String> = cell
        .split([',', ';', '、', '\n'])
        .flat_map(|piece| {
            let parts: Vec<&str> = piece.split(['/', '|']).collect();
            if parts.len() > 1 && parts.iter().all(|p| digits(p) >= 7) {
                parts
            } else {
                vec![piece]
            }
        })
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    pieces
        .into_iter()
        .flat_map(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            let all_numbers = words.len() > 1
                && words.iter().all(|w| {
                    w.len() >= 7
                        && w.trim_start_matches('+')
                            .chars()
                            .all(|c| c.is_ascii_digit())
                });
            if all_numbers {
                words.into_iter().map(str::to_owned).collect()
            } else {
                vec![p]
            }
        })
        .collect()
}

/// A birthday as written in sheets and vCards, in the form carnet-core reads: an Excel date
/// with a time, 19850312, --0312 and --03-12 (no year).
fn birthday_text(raw: &str) -> String {
    let raw = to_half_width(raw);
    let date = raw.split([' ', 'T']).next().unwrap_or(&raw);
    if let Some(rest) = date.strip_prefix("--") {
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            return format!("{}-{}", &digits[..2], &digits[2..]);
        }
    }
    if date.len() == 8 && date.chars().all(|c| c.is_ascii_digit()) {
        return format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]);
    }
    date.to_owned()
}

#[cfg(test)]
mod tests;
