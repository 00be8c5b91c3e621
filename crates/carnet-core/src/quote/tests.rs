use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("day")
}

fn terms(price: u64, energy: Energy, date: NaiveDate) -> QuoteTerms {
    QuoteTerms {
        date,
        guide_price: price,
        discount: 0,
        accessories: 0,
        energy: Some(energy),
        seats: Some(5),
        compulsory: None,
        commercial: None,
        settings: QuoteSettings::default(),
        down_pct: 30,
        term: 36,
    }
}

#[test]
fn the_annuity_formula() {
    // 100,000 yuan over 36 months at 3.6% a year: r = 0.036 / 12 = 0.003;
    // 1.003^36 = e^(36 × ln 1.003) = e^(36 × 0.00299551) = e^0.1078383 = 1.1138676;
    // monthly = 100,000 × 0.003 × 1.1138676 / (1.1138676 − 1) = 334.16028 / 0.1138676
    //         = 2,934.64 → 2,935; interest = 2,935 × 36 − 100,000 = 5,660.
    assert_eq!(monthly_payment(100_000, 3.6, 36), 2_935);
    let row = finance(100_000, 110_000, 0, 36, 3.6, 0);
    assert_eq!(
        (row.loan, row.monthly, row.interest),
        (100_000, 2_935, 5_660)
    );
    assert_eq!(row.upfront, 10_000, "the total on the road less the loan");
    // Twelve months at 0%: 120,000 ÷ 12 exactly.
    assert_eq!(monthly_payment(120_000, 0.0, 12), 10_000);
    // One month at 12% a year: the loan and one month's interest (1%).
    assert_eq!(monthly_payment(50_000, 12.0, 1), 50_500);
}

#[test]
fn purchase_tax_by_energy_and_date() {
    let cases = [
        // price paid, energy, day, (base, full, relief, due), why
        // 200,000 ÷ 1.13 = 176,991.15; 10% = 17,699.12 → 17,699.
        (
            200_000,
            Energy::Petrol,
            day(2025, 6, 1),
            (176_991, 17_699, 0, 17_699),
            "petrol pays in full",
        ),
        (
            200_000,
            Energy::Hev,
            day(2026, 6, 1),
            (176_991, 17_699, 0, 17_699),
            "a hybrid that does not plug in is not new energy",
        ),
        // 226,000 ÷ 1.13 = 200,000; tax 20,000, below the 30,000 cap: all waived.
        (
            226_000,
            Energy::Bev,
            day(2025, 12, 31),
            (200_000, 20_000, 20_000, 0),
            "BEV 2025 under the cap",
        ),
        // 339,000 ÷ 1.13 = 300,000; tax 30,000: exactly the cap.
        (
            339_000,
            Energy::Bev,
            day(2025, 3, 1),
            (300_000, 30_000, 30_000, 0),
            "BEV 2025 at the cap",
        ),
        // 452,000 ÷ 1.13 = 400,000; tax 40,000, 30,000 waived: 10,000 due.
        (
            452_000,
            Energy::Bev,
            day(2024, 1, 1),
            (400_000, 40_000, 30_000, 10_000),
            "BEV 2024 above the cap",
        ),
        // 2026: halved. 226,000 → tax 20,000, half 10,000 under the 15,000 cap.
        (
            226_000,
            Energy::Bev,
            day(2026, 1, 1),
            (200_000, 20_000, 10_000, 10_000),
            "BEV 2026 under the cap",
        ),
        // 339,000 → 30,000, half 15,000: exactly the cap.
        (
            339_000,
            Energy::Bev,
            day(2027, 12, 31),
            (300_000, 30_000, 15_000, 15_000),
            "BEV 2027 at the cap",
        ),
        // 452,000 → 40,000, half 20,000 capped at 15,000: 25,000 due.
        (
            452_000,
            Energy::Bev,
            day(2026, 7, 1),
            (400_000, 40_000, 15_000, 25_000),
            "BEV 2026 above the cap",
        ),
        // A PHEV is new energy: 169,500 ÷ 1.13 = 150,000, tax 15,000, halved 7,500.
        (
            169_500,
            Energy::Phev,
            day(2026, 3, 1),
            (150_000, 15_000, 7_500, 7_500),
            "PHEV 2026",
        ),
        (
            169_500,
            Energy::Erev,
            day(2025, 3, 1),
            (150_000, 15_000, 15_000, 0),
            "EREV 2025",
        ),
        // After the table ends, a new-energy car pays in full.
        (
            226_000,
            Energy::Bev,
            day(2028, 1, 1),
            (200_000, 20_000, 0, 20_000),
            "no relief in 2028",
        ),
        (
            226_000,
            Energy::Bev,
            day(2023, 12, 31),
            (200_000, 20_000, 0, 20_000),
            "the table starts in 2024",
        ),
    ];
    for (price, energy, date, (base, full, relief, due), why) in cases {
        assert_eq!(
            purchase_tax(price, Some(energy), date),
            PurchaseTax {
                base,
                full,
                relief,
                due
            },
            "{why}"
        );
    }
    assert_eq!(
        purchase_tax(200_000, None, day(2025, 1, 1)).due,
        17_699,
        "energy not known: no relief assumed"
    );
}

#[test]
fn tax_rounding_is_done_once_in_fen() {
    // 100,000 ÷ 1.13 × 10% = 8,849.5575 → 8,850 in full. Halved in 2026, the tax due is
    // 884,955.75 fen → 884,956; half waived, 442,478 fen due → 4,424.78 → 4,425;
    // the relief shown is 8,850 − 4,425 = 4,425, so the lines add up.
    let t = purchase_tax(100_000, Some(Energy::Bev), day(2026, 5, 5));
    assert_eq!((t.full, t.relief, t.due), (8_850, 4_425, 4_425));
    // 1 yuan: 0.0885 → 0.
    assert_eq!(
        purchase_tax(1, Some(Energy::Petrol), day(2026, 5, 5)).due,
        0
    );
}

#[test]
fn a_later_rule_is_one_row() {
    let later = [NevRelief {
        from: (2028, 1, 1),
        until: (2028, 12, 31),
        waived_pct: 25,
        cap: None,
    }];
    let t = purchase_tax_under(&later, 452_000, Some(Energy::Bev), day(2028, 2, 1));
    assert_eq!((t.full, t.relief, t.due), (40_000, 10_000, 30_000));
}

#[test]
fn compulsory_insurance_by_seats() {
    for (seats, yuan) in [
        (Some(2), 950),
        (Some(5), 950),
        (Some(6), 1_100),
        (Some(7), 1_100),
        (None, 950),
    ] {
        assert_eq!(compulsory_insurance(seats), yuan, "{seats:?}");
    }
}

#[test]
fn the_sheet_adds_up() {
    // A petrol car, guide 215,000 less 15,000: 200,000 paid; tax 17,699; 交强险 950;
    // commercial 3% of 200,000 = 6,000; plate 500; accessories 3,000.
    // Total 200,000 + 3,000 + 17,699 + 950 + 6,000 + 500 = 228,149.
    let mut t = terms(215_000, Energy::Petrol, day(2026, 4, 1));
    t.discount = 15_000;
    t.accessories = 3_000;
    let s = t.sheet();
    assert_eq!(s.price, 200_000);
    assert_eq!(s.purchase_tax.due, 17_699);
    assert_eq!(s.compulsory_insurance, 950);
    assert_eq!(s.commercial_insurance, 6_000);
    assert_eq!(s.total, 228_149);
    assert_eq!(s.valid_until, day(2026, 4, 8));
    // 30% down = 60,000; loan 140,000 over 36 months at 3.5%: r = 0.0029167,
    // 1.0029167^36 = 1.110514; 140,000 × 0.0029167 × 1.110514 / 0.110514 = 4,102.29 → 4,102;
    // interest 4,102 × 36 − 140,000 = 7,672; up front 228,149 − 140,000 = 88,149.
    assert_eq!(
        s.finance,
        FinanceRow {
            down_pct: 30,
            term: 36,
            apr: 3.5,
            down: 60_000,
            loan: 140_000,
            monthly: 4_102,
            interest: 7_672,
            fee: 0,
            cost: 7_672,
            upfront: 88_149,
        }
    );
    assert_eq!(s.grid.len(), GRID_DOWN_PCTS.len() * GRID_TERMS.len());
    assert!(
        s.grid.contains(&s.finance),
        "the chosen cell is one of the grid's"
    );
    let mut last = (0, u64::MAX);
    for row in s.grid.iter().filter(|r| r.down_pct == 20) {
        assert!(
            row.interest > last.0 && row.monthly < last.1,
            "longer: more interest, less a month"
        );
        last = (row.interest, row.monthly);
    }
}

#[test]
fn a_zero_percent_offer_charges_its_fee_instead_of_interest() {
    let mut t = terms(200_000, Energy::Bev, day(2025, 6, 1));
    t.settings.apr = 0.0;
    t.settings.loan_fee = 4_800;
    t.down_pct = 50;
    t.term = 24;
    let f = t.sheet().finance;
    // 100,000 over 24 months: 4,166.67 → 4,167; no interest, the fee is the cost.
    assert_eq!(
        (f.loan, f.monthly, f.interest, f.fee, f.cost),
        (100_000, 4_167, 0, 4_800, 4_800)
    );
    t.down_pct = 100;
    let cash = t.sheet().finance;
    assert_eq!(
        (cash.loan, cash.monthly, cash.fee),
        (0, 0, 0),
        "no loan, no fee"
    );
}

#[test]
fn overrides_and_seats() {
    let mut t = terms(300_000, Energy::Bev, day(2026, 6, 1));
    t.seats = Some(7);
    assert_eq!(t.sheet().compulsory_insurance, 1_100);
    t.commercial = Some(7_777);
    t.compulsory = Some(1_000);
    let s = t.sheet();
    assert_eq!(
        (s.compulsory_insurance, s.commercial_insurance),
        (1_000, 7_777)
    );
}

#[test]
fn checks_name_the_field() {
    let good = terms(200_000, Energy::Petrol, day(2026, 1, 1));
    assert_eq!(good.validate(), Ok(()));
    type Spoil = fn(&mut QuoteTerms);
    let cases: [(Spoil, &str); 7] = [
        (|t| t.discount = 200_001, "discount"),
        (|t| t.down_pct = 101, "down_pct"),
        (|t| t.term = 0, "term"),
        (|t| t.settings.apr = 40.0, "apr"),
        (|t| t.settings.apr = f64::NAN, "apr"),
        (|t| t.settings.commercial_pct = -1.0, "commercial_pct"),
        (|t| t.settings.valid_days = 0, "valid_days"),
    ];
    for (spoil, field) in cases {
        let mut t = good.clone();
        spoil(&mut t);
        assert_eq!(t.validate().map_err(|e| e.field), Err(field));
    }
    assert_eq!(QuoteSettings::default().validate(), Ok(()));
}
