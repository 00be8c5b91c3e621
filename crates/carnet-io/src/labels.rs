//! Column headers and sheet names in the three languages of the UI. Exports write them; the
//! import recognises all of them (with the other common headers in [`crate::mapping`]), so a
//! book exported in any language reads back.

/// The language an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhHans,
    ZhHant,
    En,
}

impl Lang {
    /// From the UI's language code ("zh-Hans", "zh-Hant", "en"); Simplified Chinese otherwise.
    pub fn from_code(code: &str) -> Lang {
        match code {
            "zh-Hant" => Lang::ZhHant,
            "en" => Lang::En,
            _ => Lang::ZhHans,
        }
    }

    pub fn is_chinese(self) -> bool {
        self != Lang::En
    }
}

/// (key, 简体, 繁體, English). Profile fields use their names in [`carnet_core::FIELDS`].
pub const LABELS: &[(&str, &str, &str, &str)] = &[
    ("id", "编号", "編號", "ID"),
    ("name", "姓名", "姓名", "Name"),
    ("title", "称呼", "稱呼", "Title"),
    ("phones", "电话", "電話", "Phone"),
    ("phones_other", "其他电话", "其他電話", "Other phones"),
    ("emails", "邮箱", "郵箱", "E-mail"),
    ("wechat", "微信", "微信", "WeChat"),
    ("region", "地区", "地區", "Region"),
    ("address", "地址", "地址", "Address"),
    ("occupation", "职业", "職業", "Occupation"),
    ("company", "单位", "單位", "Company"),
    ("budget", "预算", "預算", "Budget"),
    ("models", "意向车型", "意向車型", "Models"),
    ("reason", "购车原因", "購車原因", "Reason"),
    ("purposes", "用途", "用途", "Purposes"),
    ("timeframe", "购车时间", "購車時間", "Timeframe"),
    ("level", "级别", "級別", "Level"),
    ("decision_maker", "决策人", "決策人", "Decision-maker"),
    (
        "decision_maker_name",
        "决策人姓名",
        "決策人姓名",
        "Decision-maker's name",
    ),
    ("car_brand", "现有车品牌", "現有車品牌", "Current car brand"),
    ("car_model", "现有车型", "現有車型", "Current car model"),
    ("car_year", "现有车年份", "現有車年份", "Current car year"),
    (
        "car_mileage",
        "现有车里程",
        "現有車里程",
        "Current car mileage",
    ),
    ("car_plate", "车牌", "車牌", "Plate"),
    ("payment", "付款方式", "付款方式", "Payment"),
    ("source", "来源", "來源", "Source"),
    ("cares", "最关心", "最關心", "Cares most about"),
    ("worry", "最大顾虑", "最大顧慮", "Biggest worry"),
    ("personality", "性格", "性格", "Personality"),
    ("priorities", "看重排序", "看重排序", "Priorities"),
    ("special_needs", "特殊需求", "特殊需求", "Special needs"),
    ("hobbies", "爱好", "愛好", "Hobbies"),
    ("tags", "标签", "標籤", "Tags"),
    ("notes", "备注", "備註", "Notes"),
    ("birthday", "生日", "生日", "Birthday"),
    ("birthday_lunar", "农历生日", "農曆生日", "Lunar birthday"),
    ("created_at", "建档时间", "建檔時間", "Created"),
    ("customer_id", "客户编号", "客戶編號", "Customer ID"),
    ("customer", "客户", "客戶", "Customer"),
    ("relation", "关系", "關係", "Relation"),
    ("phone", "电话", "電話", "Phone"),
    ("kind", "方式", "方式", "Kind"),
    ("at", "时间", "時間", "When"),
    ("outcome", "结果", "結果", "Outcome"),
    ("satisfaction", "满意度", "滿意度", "Satisfaction"),
    ("promise", "承诺", "承諾", "Promise"),
    ("next", "下一步", "下一步", "Next step"),
    ("model", "车型", "車型", "Model"),
    ("price", "成交价（元）", "成交價（元）", "Price (yuan)"),
    (
        "expected_delivery",
        "预计交车",
        "預計交車",
        "Expected delivery",
    ),
    ("vin", "车架号", "車架號", "VIN"),
    ("plate", "车牌", "車牌", "Plate"),
    ("resolved_at", "处理日期", "處理日期", "Resolved"),
    ("resolution", "处理结果", "處理結果", "Resolution"),
    ("sheet_customers", "客户", "客戶", "Customers"),
    ("sheet_family", "家人", "家人", "Family"),
    ("sheet_interactions", "跟进记录", "跟進記錄", "Interactions"),
    ("sheet_orders", "订单", "訂單", "Orders"),
    ("sheet_about", "关于", "關於", "About"),
    ("exported_by", "顾问", "顧問", "Consultant"),
    ("dealership", "经销店", "經銷店", "Dealership"),
    ("exported_at", "导出于", "匯出於", "Exported"),
    (
        "masked",
        "已隐去联系方式",
        "已隱去聯絡方式",
        "contact details masked",
    ),
    ("yes", "是", "是", "yes"),
    ("name_missing_tag", "待补姓名", "待補姓名", "name to add"),
];

/// The label of `key` in `lang` (the key itself when it has none).
pub fn label(key: &str, lang: Lang) -> &str {
    LABELS
        .iter()
        .find(|(k, ..)| *k == key)
        .map_or(key, |(_, hans, hant, en)| match lang {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_field_has_a_label_in_each_language() {
        for field in carnet_core::FIELDS.iter().map(|f| f.name) {
            for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
                assert_ne!(label(field, lang), field, "{field} in {lang:?}");
            }
        }
    }
}
