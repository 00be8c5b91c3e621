//! The built-in templates: one per occasion in 简体, 繁體 and English, short and warm, as a
//! consultant sends them on WeChat or by SMS. The Chinese ones name the merge fields in
//! Chinese, the English ones by their codes (both read the same).

use crate::choices::{Occasion, TextLanguage};

/// Each occasion's built-in body: (occasion, 简体, 繁體, English).
pub const DEFAULTS: &[(Occasion, &str, &str, &str)] = &[
    (
        Occasion::Birthday,
        "{称呼}，生日快乐！祝您新的一岁身体健康、事事顺心，开车出行一路平安！",
        "{稱呼}，生日快樂！祝您新的一歲身體健康、事事順心，開車出行一路平安！",
        "Happy birthday, {salutation}! Wishing you good health and a wonderful year ahead, and safe travels wherever you drive.",
    ),
    (
        Occasion::LunarBirthday,
        "{称呼}，{生日}是您的生日，提前祝您生日快乐、福寿安康，新的一岁万事顺意！",
        "{稱呼}，{生日}是您的生日，提前祝您生日快樂、福壽安康，新的一歲萬事順意！",
        "{salutation}, your birthday falls on {birthday} this year. Happy birthday, and may the year ahead bring you health and happiness!",
    ),
    (
        Occasion::FamilyBirthday,
        "{称呼}，您{家人称呼}的生日快到了，麻烦替我向{家人称呼}道一声生日快乐，祝您全家幸福安康！",
        "{稱呼}，您{家人稱呼}的生日快到了，麻煩替我向{家人稱呼}道一聲生日快樂，祝您全家幸福安康！",
        "{salutation}, your {relative}'s birthday is coming up. Please pass on my warmest birthday wishes, and best wishes to the whole family!",
    ),
    (
        Occasion::SpringFestival,
        "{称呼}，{顾问}给您拜年啦！感谢您这一年的信任和支持，祝您和家人新春快乐、阖家幸福，新的一年出入平安！",
        "{稱呼}，{顧問}給您拜年啦！感謝您這一年的信任和支持，祝您和家人新春快樂、闔家幸福，新的一年出入平安！",
        "Happy {holiday}, {salutation}! Thank you for your trust this past year. Wishing you and your family health, happiness and safe journeys in the year ahead. – {consultant}",
    ),
    (
        Occasion::DragonBoat,
        "{称呼}，端午安康！祝您和家人节日快乐，假期出行注意安全，用车上有任何问题随时找我。",
        "{稱呼}，端午安康！祝您和家人節日快樂，假期出行注意安全，用車上有任何問題隨時找我。",
        "Happy {holiday}, {salutation}! Wishing you and your family a lovely holiday. Drive safely, and call me any time if the car needs anything.",
    ),
    (
        Occasion::MidAutumn,
        "{称呼}，中秋快乐！月圆人团圆，祝您和家人幸福美满。节前出行想检查一下车辆，随时联系我。",
        "{稱呼}，中秋快樂！月圓人團圓，祝您和家人幸福美滿。節前出行想檢查一下車輛，隨時聯繫我。",
        "Happy {holiday}, {salutation}! Wishing you and your family a joyful reunion under the full moon. If you'd like the car checked before a trip, just let me know.",
    ),
    (
        Occasion::NationalDay,
        "{称呼}，国庆节快乐！长假出行前记得检查一下胎压和机油，祝您一路顺风、玩得开心！",
        "{稱呼}，國慶節快樂！長假出行前記得檢查一下胎壓和機油，祝您一路順風、玩得開心！",
        "Happy {holiday}, {salutation}! Before a long holiday drive, remember to check the tyre pressure and oil. Have a safe and happy trip!",
    ),
    (
        Occasion::NewYear,
        "{称呼}，元旦快乐！感谢您过去一年的支持，祝您新年新气象，万事如意、平安顺遂！",
        "{稱呼}，元旦快樂！感謝您過去一年的支持，祝您新年新氣象，萬事如意、平安順遂！",
        "Happy {holiday}, {salutation}! Thank you for your support over the past year. Wishing you a healthy and successful year ahead.",
    ),
    (
        Occasion::DeliveryAnniversary,
        "{称呼}，您的{车型}陪您{购车周年}周年啦（{交车日期}提车）！感谢一路以来的信任，用车上有任何需要随时找我。",
        "{稱呼}，您的{車型}陪您{購車週年}週年啦（{交車日期}交車）！感謝一路以來的信任，用車上有任何需要隨時找我。",
        "{salutation}, it's the {anniversary} anniversary of your {model} (delivered on {delivery_date})! Thank you for your trust. Whatever the car needs, I'm here to help.",
    ),
    (
        Occasion::FirstService,
        "{称呼}您好，我是{门店}的{顾问}。您的{车型}（{车牌}）首保快到了，建议在{下次保养}前来店，提前预约不用排队。您看哪天方便？我帮您安排。",
        "{稱呼}您好，我是{門店}的{顧問}。您的{車型}（{車牌}）首保快到了，建議在{下次保養}前來店，提前預約不用排隊。您看哪天方便？我幫您安排。",
        "Hello {salutation}, this is {consultant} from {dealership}. Your {model} ({plate}) is due for its first service by {next_service}. Book ahead and there's no waiting: which day suits you?",
    ),
    (
        Occasion::InsuranceRenewal,
        "{称呼}您好，温馨提醒：您的{车型}（{车牌}）车险将于{保险到期}到期。需要的话我帮您对比一下续保方案，到期前办好更安心。",
        "{稱呼}您好，溫馨提醒：您的{車型}（{車牌}）車險將於{保險到期}到期。需要的話我幫您比較一下續保方案，到期前辦好更安心。",
        "Hello {salutation}, a friendly reminder: the insurance on your {model} ({plate}) expires on {insurance_due}. I'd be glad to compare renewal options for you before then.",
    ),
    (
        Occasion::Inspection,
        "{称呼}您好，提醒一下：您的爱车（{车牌}）年检将于{年检到期}到期，记得提前办理。需要帮忙预约，随时联系我。",
        "{稱呼}您好，提醒一下：您的愛車（{車牌}）驗車將於{年檢到期}到期，記得提前辦理。需要幫忙預約，隨時聯繫我。",
        "Hello {salutation}, a quick reminder: your car ({plate}) is due for its inspection by {inspection_due}. If you'd like help booking it, just let me know.",
    ),
    (
        Occasion::ThanksVisit,
        "{称呼}您好，我是{门店}的{顾问}，感谢您今天抽空来店里看{车型}。还有想了解的随时问我，我的电话是{顾问电话}。",
        "{稱呼}您好，我是{門店}的{顧問}，感謝您今天抽空來店裡看{車型}。還有想了解的隨時問我，我的電話是{顧問電話}。",
        "Hello {salutation}, this is {consultant} from {dealership}. Thank you for coming in today to see the {model}. Any questions at all, call me on {consultant_phone}.",
    ),
    (
        Occasion::AfterTestDrive,
        "{称呼}，感谢您今天试驾{车型}！开起来感觉怎么样？有任何疑问随时问我。最近店里{优惠}，您考虑好了跟我说一声。",
        "{稱呼}，感謝您今天試駕{車型}！開起來感覺怎麼樣？有任何疑問隨時問我。最近店裡{優惠}，您考慮好了跟我說一聲。",
        "{salutation}, thank you for test-driving the {model} today! How did you find it? Ask me anything. We currently have {offer}, so do let me know when you've decided.",
    ),
    (
        Occasion::AfterQuote,
        "{称呼}您好，给您的{车型}报价您再看看，有不清楚的地方随时问我。这个月{优惠}，方案我先帮您留着。",
        "{稱呼}您好，給您的{車型}報價您再看看，有不清楚的地方隨時問我。這個月{優惠}，方案我先幫您留著。",
        "Hello {salutation}, here's a note to go with your quote for the {model}. Any questions, just ask. This month we have {offer}, and I'll hold the offer for you for now.",
    ),
    (
        Occasion::ComplaintFollowUp,
        "{称呼}您好，我是{门店}的{顾问}。关于您反映的问题，给您添麻烦了，非常抱歉。现在处理得您还满意吗？有任何不到位的地方请直接告诉我。",
        "{稱呼}您好，我是{門店}的{顧問}。關於您反映的問題，給您添麻煩了，非常抱歉。現在處理得您還滿意嗎？有任何不到位的地方請直接告訴我。",
        "Hello {salutation}, this is {consultant} from {dealership}. I'm sorry for the trouble you had. Are you happy with how it was resolved? If anything still isn't right, please tell me directly.",
    ),
    (
        Occasion::WinBack,
        "{称呼}您好，好久没联系了，我是{门店}的{顾问}。最近{车型}{优惠}，如果您还在看车，欢迎随时来店里坐坐，我给您详细介绍。",
        "{稱呼}您好，好久沒聯繫了，我是{門店}的{顧問}。最近{車型}{優惠}，如果您還在看車，歡迎隨時來店裡坐坐，我給您詳細介紹。",
        "Hello {salutation}, it's been a while! This is {consultant} from {dealership}. The {model} now comes with {offer}. If you're still looking, drop by any time and I'll show you around.",
    ),
];

/// An occasion's name in a language: a built-in template's name.
pub fn occasion_name(occasion: Occasion, language: TextLanguage) -> &'static str {
    let (hans, hant, en) = match occasion {
        Occasion::Birthday => ("生日祝福", "生日祝福", "Birthday"),
        Occasion::LunarBirthday => ("农历生日祝福", "農曆生日祝福", "Lunar birthday"),
        Occasion::FamilyBirthday => ("家人生日", "家人生日", "Family birthday"),
        Occasion::SpringFestival => ("春节拜年", "春節拜年", "Spring Festival"),
        Occasion::DragonBoat => ("端午问候", "端午問候", "Dragon Boat Festival"),
        Occasion::MidAutumn => ("中秋问候", "中秋問候", "Mid-Autumn Festival"),
        Occasion::NationalDay => ("国庆问候", "國慶問候", "National Day"),
        Occasion::NewYear => ("元旦问候", "元旦問候", "New Year"),
        Occasion::DeliveryAnniversary => ("购车周年", "購車週年", "Delivery anniversary"),
        Occasion::FirstService => ("首保提醒", "首保提醒", "First service due"),
        Occasion::InsuranceRenewal => ("续保提醒", "續保提醒", "Insurance renewal"),
        Occasion::Inspection => ("年检提醒", "驗車提醒", "Inspection due"),
        Occasion::ThanksVisit => ("到店感谢", "到店感謝", "Thanks for visiting"),
        Occasion::AfterTestDrive => ("试驾后回访", "試駕後回訪", "After a test drive"),
        Occasion::AfterQuote => ("报价后跟进", "報價後跟進", "After a quote"),
        Occasion::ComplaintFollowUp => ("投诉回访", "投訴回訪", "Complaint follow-up"),
        Occasion::WinBack => ("战败回访", "戰敗回訪", "Win-back"),
    };
    match language {
        TextLanguage::ZhHans => hans,
        TextLanguage::ZhHant => hant,
        TextLanguage::En => en,
    }
}
