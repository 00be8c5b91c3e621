//! The closed lists of the profile: each value has a stable code (stored, exported, typed on
//! the command line) and the Chinese words consultants use for it, which parse too.

/// Declares a choice list: the enum, its codes and the words that read as each value.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal [$($alias:literal),*]),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in the order front ends list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Chinese words that read as the value.
            pub fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($alias),*]),+ }
            }

            /// The Chinese word for the value (its code when it has none): what a sheet
            /// for Chinese readers shows, and what [`Self::parse`] reads back.
            pub fn word(self) -> &'static str {
                self.aliases().first().copied().unwrap_or(self.code())
            }

            /// Reads a code (any case) or one of the Chinese words for a value.
            pub fn parse(raw: &str) -> Option<$name> {
                let wanted = raw.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.code().eq_ignore_ascii_case(wanted) || v.aliases().contains(&wanted)
                })
            }

            /// The codes, for error messages that list what is allowed.
            pub fn codes() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.code()).collect()
            }
        }

        impl Choice for $name {
            fn parse(raw: &str) -> Option<$name> {
                $name::parse(raw)
            }
            fn code(self) -> &'static str {
                $name::code(self)
            }
        }
    };
}

/// A closed list's value: read from its code or words, written as its code.
pub trait Choice: Copy + PartialEq {
    fn parse(raw: &str) -> Option<Self>;
    fn code(self) -> &'static str;
}

/// A value of a closed list, or the consultant's own words where none of the list fits
/// ("岳父说了算" for who decides): never refused, kept as said.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Pick<T> {
    Known(T),
    Words(String),
}

/// Marks words in the stored form of a [`Pick`].
const WORDS: char = '~';

impl<T: Choice> Pick<T> {
    /// A code or one of the words for a value, else the words as said (tidied); `None` when
    /// nothing was said.
    pub fn parse(raw: &str) -> Option<Pick<T>> {
        let said = crate::profile::tidy(raw);
        if said.is_empty() {
            return None;
        }
        let squeezed: String = said.chars().filter(|c| !c.is_whitespace()).collect();
        Some(match T::parse(&said).or_else(|| T::parse(&squeezed)) {
            Some(known) => Pick::Known(known),
            None => Pick::Words(said),
        })
    }

    /// The value of the list, if it is one.
    pub fn known(&self) -> Option<T> {
        match self {
            Pick::Known(v) => Some(*v),
            Pick::Words(_) => None,
        }
    }

    /// The code, or the words: what the edit form shows and [`Pick::parse`] reads back.
    pub fn to_input(&self) -> String {
        match self {
            Pick::Known(v) => v.code().to_owned(),
            Pick::Words(w) => w.clone(),
        }
    }

    /// The form the book keeps: the code, or the words marked as such.
    pub fn stored(&self) -> String {
        match self {
            Pick::Known(v) => v.code().to_owned(),
            Pick::Words(w) => format!("{WORDS}{w}"),
        }
    }

    /// Reads the stored form back; `None` for a code this Carnet does not know.
    pub fn from_stored(stored: &str) -> Option<Pick<T>> {
        match stored.strip_prefix(WORDS) {
            Some(words) => Some(Pick::Words(words.to_owned())),
            None => T::parse(stored).map(Pick::Known),
        }
    }
}

impl<T: Choice> serde::Serialize for Pick<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_input())
    }
}

impl<'de, T: Choice> serde::Deserialize<'de> for Pick<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Pick<T>, D::Error> {
        let text = String::deserialize(d)?;
        Pick::parse(&text).ok_or_else(|| serde::de::Error::custom("an empty value"))
    }
}

choices! {
    /// How the consultant addresses the customer.
    Title {
        Mr = "mr" ["先生"],
        Ms = "ms" ["女士"],
        Miss = "miss" ["小姐"],
        Boss = "boss" ["老板", "总"],
        Teacher = "teacher" ["老师"],
        Doctor = "doctor" ["医生", "大夫", "醫生"],
    }
}

choices! {
    /// Why the customer is buying.
    Reason {
        FirstCar = "first_car" ["首购", "首購", "第一辆车"],
        Replacement = "replacement" ["换购", "換購", "置换", "置換"],
        Additional = "additional" ["增购", "增購", "加购"],
    }
}

choices! {
    /// What the car will be used for.
    Purpose {
        Commute = "commute" ["通勤", "上下班", "代步"],
        Family = "family" ["家用", "家庭"],
        Business = "business" ["商务", "商務"],
        LongTrips = "long_trips" ["长途", "長途", "自驾", "自駕"],
        Cargo = "cargo" ["拉货", "拉貨", "载物", "載物"],
    }
}

choices! {
    /// The intent level (DOMAIN.md): N new, H 7 days, A 15 days, B 30 days, C 2–3 months,
    /// O ordered, D delivered, F lost.
    Level {
        N = "N" [],
        H = "H" [],
        A = "A" [],
        B = "B" [],
        C = "C" [],
        O = "O" [],
        D = "D" [],
        F = "F" [],
    }
}

choices! {
    /// Who decides the purchase.
    DecisionMaker {
        Myself = "self" ["本人", "自己", "他自己", "她自己", "客户本人", "我"],
        Spouse = "spouse" ["配偶", "爱人", "愛人", "老婆", "老公", "妻子", "丈夫", "太太", "先生",
            "媳妇", "媳婦", "夫人", "对象", "對象"],
        Shared = "shared" ["本人+配偶", "本人和配偶", "本人与配偶", "夫妻商量", "夫妻", "夫妻共同",
            "夫妻一起", "两口子", "兩口子", "两人商量", "一起商量", "商量", "家庭", "全家"],
        Parents = "parents" ["父母", "爸妈", "父亲", "父親", "母亲", "母親", "爸爸", "妈妈", "媽媽",
            "老人"],
        Children = "children" ["子女", "儿子", "兒子", "女儿", "女兒", "孩子"],
        Company = "company" ["公司", "单位", "單位", "老板", "老闆", "领导", "領導", "老总", "老總",
            "公司决定", "单位采购"],
        Friend = "friend" ["朋友"],
        Other = "other" ["其他"],
    }
}

choices! {
    /// How the car will be paid for.
    Payment {
        Cash = "cash" ["全款"],
        Loan = "loan" ["贷款", "貸款", "分期"],
        Lease = "lease" ["租赁", "租賃", "融资租赁"],
    }
}

choices! {
    /// Where the customer came from.
    Source {
        WalkIn = "walk_in" ["到店", "自然到店", "进店", "進店"],
        Phone = "phone" ["来电", "來電", "电话", "電話"],
        Online = "online" ["网络", "網路", "线上", "線上"],
        Referral = "referral" ["转介绍", "轉介紹", "介绍", "介紹"],
        Show = "show" ["车展", "車展", "外展"],
        Other = "other" ["其他"],
    }
}

choices! {
    /// What a buyer may weigh, ranked in the profile.
    Priority {
        Power = "power" ["动力", "動力"],
        Comfort = "comfort" ["舒适", "舒適"],
        Appearance = "appearance" ["外观", "外觀"],
        FuelEconomy = "fuel_economy" ["油耗", "能耗", "省油"],
        Space = "space" ["空间", "空間"],
        Safety = "safety" ["安全"],
        Price = "price" ["价格", "價格"],
        AfterSales = "after_sales" ["售后", "售後"],
    }
}

choices! {
    /// What drives a car: the catalogue's energy types (new-energy vehicles are the last three).
    Energy {
        Petrol = "petrol" ["汽油", "燃油"],
        Hev = "hev" ["油电混动", "油電混動", "混动", "混動", "HEV"],
        Phev = "phev" ["插电混动", "插電混動", "插混", "PHEV", "DM-i"],
        Erev = "erev" ["增程", "增程式", "EREV"],
        Bev = "bev" ["纯电", "純電", "纯电动", "純電動", "EV", "BEV"],
    }
}

impl Energy {
    /// A new-energy vehicle (新能源汽车) as the purchase-tax rules count one: plug-in hybrid,
    /// extended-range or battery electric.
    pub fn new_energy(self) -> bool {
        matches!(self, Energy::Phev | Energy::Erev | Energy::Bev)
    }

    /// Whether the car is charged from the grid and has an electric range worth quoting.
    pub fn plugs_in(self) -> bool {
        self.new_energy()
    }
}

choices! {
    /// A car's body style.
    Body {
        Sedan = "sedan" ["轿车", "轎車", "三厢", "三廂"],
        Hatchback = "hatchback" ["两厢", "兩廂", "掀背"],
        Suv = "suv" ["SUV", "越野"],
        Mpv = "mpv" ["MPV", "商务车", "商務車"],
        Wagon = "wagon" ["旅行车", "旅行車"],
        Coupe = "coupe" ["跑车", "跑車", "轿跑", "轎跑"],
        Pickup = "pickup" ["皮卡"],
    }
}

choices! {
    /// Which wheels are driven.
    Drivetrain {
        Fwd = "fwd" ["前驱", "前驅", "前置前驱", "前置前驅"],
        Rwd = "rwd" ["后驱", "後驅", "前置后驱", "前置後驅"],
        Awd = "awd" ["四驱", "四驅", "全驱", "全驅", "双电机四驱", "雙電機四驅"],
    }
}

choices! {
    /// A family member's relation to the customer.
    Relation {
        Wife = "wife" ["妻子", "老婆", "爱人", "愛人", "太太", "媳妇", "媳婦", "夫人"],
        Husband = "husband" ["丈夫", "老公", "先生"],
        Spouse = "spouse" ["配偶"],
        Son = "son" ["儿子", "兒子"],
        Daughter = "daughter" ["女儿", "女兒"],
        Father = "father" ["父亲", "父親", "爸爸"],
        Mother = "mother" ["母亲", "母親", "妈妈", "媽媽"],
        FatherInLaw = "father_in_law" ["岳父", "公公", "老丈人", "丈人"],
        MotherInLaw = "mother_in_law" ["岳母", "婆婆", "丈母娘"],
        SonInLaw = "son_in_law" ["女婿"],
        DaughterInLaw = "daughter_in_law" ["儿媳", "兒媳", "儿媳妇", "兒媳婦"],
        Grandfather = "grandfather" ["爷爷", "爺爺", "外公", "姥爷", "姥爺", "祖父", "外祖父"],
        Grandmother = "grandmother" ["奶奶", "外婆", "姥姥", "祖母", "外祖母"],
        Grandson = "grandson" ["孙子", "孫子", "外孙", "外孫"],
        Granddaughter = "granddaughter" ["孙女", "孫女", "外孙女", "外孫女"],
        Brother = "brother" ["兄弟", "哥哥", "弟弟"],
        Sister = "sister" ["姐妹", "姐姐", "妹妹"],
        Other = "other" ["其他"],
    }
}

choices! {
    /// The facts a consultant needs before a sale; unknown ones are what to ask next.
    KeyFact {
        Phone = "phones" [],
        Model = "models" [],
        Budget = "budget" [],
        Timeframe = "timeframe" [],
        Purpose = "purposes" [],
        DecisionMaker = "decision_maker" [],
        Payment = "payment" [],
        CurrentCar = "current_car" [],
    }
}

choices! {
    /// What kind of contact an interaction was.
    InteractionKind {
        Visit = "visit" ["到店", "展厅", "展廳"],
        Call = "call" ["电话", "電話", "来电", "去电"],
        Message = "message" ["微信", "短信", "消息", "訊息"],
        TestDrive = "test_drive" ["试驾", "試駕"],
        Quote = "quote" ["报价", "報價"],
        Order = "order" ["订车", "訂車", "下订", "下訂"],
        Delivery = "delivery" ["交车", "交車", "提车", "提車"],
        Service = "service" ["保养", "保養", "维修", "維修", "售后", "售後"],
        Complaint = "complaint" ["投诉", "投訴", "抱怨"],
        Other = "other" ["其他"],
    }
}

choices! {
    /// How an interaction went.
    Outcome {
        Reached = "reached" ["联系上", "聯繫上", "接通"],
        NotReached = "not_reached" ["未接通", "没联系上", "沒聯繫上"],
        Declined = "declined" ["拒绝", "拒絕"],
        Other = "other" ["其他"],
    }
}

choices! {
    /// What a follow-up prompt is about.
    PromptKind {
        Cadence = "cadence" [],
        NextStep = "next_step" [],
        AfterSale = "after_sale" [],
        Birthday = "birthday" [],
        Holiday = "holiday" [],
        Complaint = "complaint" [],
        SatisfactionCheck = "satisfaction_check" [],
        Regrade = "regrade" [],
        ProposeLost = "propose_lost" [],
        Revisit = "revisit" [],
        NoShow = "no_show" [],
    }
}

choices! {
    /// Why a sale was lost (an F customer), for the lost-sales report and the win-back.
    LostReason {
        Price = "price" ["价格", "價格", "嫌贵", "嫌貴", "价格高", "價格高"],
        Competitor = "competitor" ["买了竞品", "買了競品", "竞品", "競品"],
        SameBrandElsewhere = "same_brand_elsewhere" ["同品牌他店", "他店", "别家店", "別家店"],
        Postponed = "postponed" ["推迟购买", "推遲購買", "暂缓", "暫緩", "不买了", "不買了"],
        FinanceRefused = "finance_refused" ["贷款未批", "貸款未批", "贷款被拒", "貸款被拒"],
        Unreachable = "unreachable" ["联系不上", "聯繫不上", "失联", "失聯"],
        Other = "other" ["其他"],
    }
}

choices! {
    /// What an appointment is for: a next step that is a visit to the showroom or a test drive.
    AppointmentKind {
        Visit = "visit" ["到店", "邀约到店", "邀約到店"],
        TestDrive = "test_drive" ["试驾", "試駕"],
    }
}

choices! {
    /// The customer pyramid (seed 002): owners by value, then the inactive, prospects (graded
    /// H/A/B/C), suspects (N) and the rest (F).
    Tier {
        Top = "top" ["顶级客户", "頂級客戶", "顶级", "頂級"],
        Large = "large" ["大客户", "大客戶", "大"],
        Medium = "medium" ["中客户", "中客戶", "中"],
        Small = "small" ["小客户", "小客戶", "小"],
        Inactive = "inactive" ["非积极客户", "非積極客戶", "非积极", "非積極"],
        Prospect = "prospect" ["潜在客户", "潛在客戶", "潜在", "潛在"],
        Suspect = "suspect" ["怀疑者", "懷疑者"],
        Other = "other" ["其他"],
    }
}

choices! {
    /// What a message to a customer is for: each has default templates (`templates`), and
    /// the prompts that call for one name theirs (`templates::occasion_of`).
    Occasion {
        Birthday = "birthday" ["生日"],
        LunarBirthday = "lunar_birthday" ["农历生日", "農曆生日"],
        FamilyBirthday = "family_birthday" ["家人生日"],
        SpringFestival = "spring_festival" ["春节", "春節"],
        DragonBoat = "dragon_boat" ["端午"],
        MidAutumn = "mid_autumn" ["中秋"],
        NationalDay = "national_day" ["国庆", "國慶"],
        NewYear = "new_year" ["元旦", "新年"],
        DeliveryAnniversary = "delivery_anniversary" ["购车周年", "購車週年"],
        FirstService = "first_service" ["首保"],
        InsuranceRenewal = "insurance_renewal" ["续保", "續保"],
        Inspection = "inspection" ["年检", "年檢"],
        ThanksVisit = "thanks_visit" ["到店感谢", "到店感謝"],
        AfterTestDrive = "after_test_drive" ["试驾后", "試駕後"],
        AfterQuote = "after_quote" ["报价后", "報價後"],
        ComplaintFollowUp = "complaint_follow_up" ["投诉回访", "投訴回訪"],
        WinBack = "win_back" ["战败回访", "戰敗回訪"],
    }
}

choices! {
    /// A merge field of a message template, written in braces by its code (`{salutation}`)
    /// or its Chinese name, simplified or traditional (`{称呼}`, `{稱呼}`).
    MergeField {
        Salutation = "salutation" ["称呼", "稱呼"],
        Name = "name" ["姓名"],
        Model = "model" ["车型", "車型"],
        Plate = "plate" ["车牌", "車牌"],
        DeliveryDate = "delivery_date" ["交车日期", "交車日期"],
        Anniversary = "anniversary" ["购车周年", "購車週年"],
        NextService = "next_service" ["下次保养", "下次保養"],
        InsuranceDue = "insurance_due" ["保险到期", "保險到期"],
        InspectionDue = "inspection_due" ["年检到期", "年檢到期"],
        Birthday = "birthday" ["生日"],
        Holiday = "holiday" ["节日", "節日"],
        Relative = "relative" ["家人称呼", "家人稱呼"],
        Consultant = "consultant" ["顾问", "顧問"],
        ConsultantPhone = "consultant_phone" ["顾问电话", "顧問電話"],
        Dealership = "dealership" ["门店", "門店"],
        Offer = "offer" ["优惠", "優惠"],
    }
}

impl MergeField {
    /// The field's name as a traditional-Chinese template writes it.
    pub fn traditional(self) -> &'static str {
        self.aliases().get(1).copied().unwrap_or(self.word())
    }
}

choices! {
    /// The language a message is written in.
    TextLanguage {
        ZhHans = "zh-Hans" ["简体", "简体中文"],
        ZhHant = "zh-Hant" ["繁體", "繁體中文"],
        En = "en" ["English", "英文"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_chinese_words_parse() {
        let cases: [(&str, Option<Level>); 5] = [
            ("H", Some(Level::H)),
            (" h ", Some(Level::H)),
            ("n", Some(Level::N)),
            ("X", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(Level::parse(raw), want, "{raw:?}");
        }
        assert_eq!(Payment::parse("贷款"), Some(Payment::Loan));
        assert_eq!(Payment::parse("貸款"), Some(Payment::Loan));
        assert_eq!(DecisionMaker::parse("老婆"), Some(DecisionMaker::Spouse));
        assert_eq!(DecisionMaker::parse("self"), Some(DecisionMaker::Myself));
        assert_eq!(Source::parse("转介绍"), Some(Source::Referral));
        assert_eq!(Priority::parse("FUEL_ECONOMY"), Some(Priority::FuelEconomy));
        assert_eq!(Title::parse("先生"), Some(Title::Mr));
        assert_eq!(Relation::parse("坏人"), None);
        assert_eq!(DecisionMaker::parse("老板"), Some(DecisionMaker::Company));
        assert_eq!(Relation::parse("岳母"), Some(Relation::MotherInLaw));
    }

    #[test]
    fn what_consultants_write_for_who_decides_and_family() {
        let who = |raw: &str| Pick::<DecisionMaker>::parse(raw);
        let cases = [
            ("本人", Pick::Known(DecisionMaker::Myself)),
            ("老婆", Pick::Known(DecisionMaker::Spouse)),
            ("太太", Pick::Known(DecisionMaker::Spouse)),
            ("先生", Pick::Known(DecisionMaker::Spouse)),
            ("本人 + 配偶", Pick::Known(DecisionMaker::Shared)),
            ("夫妻商量", Pick::Known(DecisionMaker::Shared)),
            ("老板", Pick::Known(DecisionMaker::Company)),
            ("领导", Pick::Known(DecisionMaker::Company)),
            ("朋友", Pick::Known(DecisionMaker::Friend)),
            ("shared", Pick::Known(DecisionMaker::Shared)),
            ("岳父说了算", Pick::Words("岳父说了算".into())),
        ];
        for (raw, want) in cases {
            let got = who(raw).unwrap_or_else(|| panic!("{raw}"));
            assert_eq!(got, want, "{raw}");
            assert_eq!(Pick::from_stored(&got.stored()), Some(got.clone()), "{raw}");
            assert_eq!(Pick::parse(&got.to_input()), Some(got), "{raw}");
        }
        assert_eq!(who("  "), None);
        let family = |raw: &str| Pick::<Relation>::parse(raw).and_then(|p| p.known());
        assert_eq!(family("公公"), Some(Relation::FatherInLaw));
        assert_eq!(family("外婆"), Some(Relation::Grandmother));
        assert_eq!(family("孙女"), Some(Relation::Granddaughter));
        assert_eq!(family("配偶"), Some(Relation::Spouse));
        assert_eq!(
            Pick::<Relation>::parse("干爹"),
            Some(Pick::Words("干爹".into()))
        );
    }

    #[test]
    fn codes_are_unique_within_each_list() {
        fn unique(codes: Vec<&str>) -> bool {
            let mut sorted = codes.clone();
            sorted.sort_unstable();
            sorted.dedup();
            sorted.len() == codes.len()
        }
        assert!(unique(Title::codes()));
        assert!(unique(Priority::codes()));
        assert!(unique(KeyFact::codes()));
        assert_eq!(Level::ALL.len(), 8);
    }
}
