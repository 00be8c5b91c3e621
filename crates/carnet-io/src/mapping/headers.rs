//! Which field a column's header names: Carnet's own labels, the headers of Chinese and
//! English sheets and of phone-contact exports.

use crate::labels::labels;
use crate::text::to_half_width;

/// Where a column's values go: a profile field (see [`carnet_core::FIELDS`]), or one of
/// these: the customer's Carnet id, the given/family name parts of contact exports, the
/// year/month/day parts of a birthday, or the notes under the column's own header.
pub const ID: &str = "id";
pub const GIVEN_NAME: &str = "given_name";
pub const FAMILY_NAME: &str = "family_name";
pub const BIRTH_YEAR: &str = "birth_year";
pub const BIRTH_MONTH: &str = "birth_month";
pub const BIRTH_DAY: &str = "birth_day";
/// Why a lost (F) customer was lost: read as carnet-core's `LostReason` on an F row.
pub const LOST_REASON: &str = "lost_reason";
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
        LOST_REASON,
        ID,
        KEEP,
    ]);
    all
}

/// Headers of columns that hold nothing about the customer (a row number): not kept.
pub(super) const IGNORED: &[&str] = &["序号", "序", "行号", "no", "index", "#", "编号no"];

/// Headers recognised besides the labels Carnet itself writes, normalised (see [`norm`]).
pub(super) const ALIASES: &[(&str, &[&str])] = &[
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
    ("source", &["客户来源"]),
    (
        LOST_REASON,
        &["战败原因", "戰敗原因", "流失原因", "lostreason"],
    ),
    ("channel", &["来源渠道", "客户渠道", "channel"]),
    (
        "referred_by",
        &[
            "推荐人",
            "介绍人",
            "介紹人",
            "推薦人",
            "referredby",
            "referrer",
        ],
    ),
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

/// A column Carnet's own export writes that the book keeps or works out by itself (when the
/// customer was added, their tier and value): not kept in the notes on the way back.
pub(super) fn is_own_bookkeeping(header: &str) -> bool {
    labels()
        .filter(|l| matches!(l.key, "created_at" | "tier" | "value"))
        .any(|l| l.texts().any(|text| norm(text) == header))
}
