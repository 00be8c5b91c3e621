use super::*;

/// The fast path for mainland mobiles agrees with libphonenumber on every four-digit
/// start (and every start of the 1740x block), with two endings each.
#[test]
fn mainland_mobiles_read_as_libphonenumber_reads_them() {
    let slow = |raw: &str| {
        let number = phonenumber::parse(Some(country::Id::CN), raw).ok()?;
        phonenumber::is_valid(&number).then(|| Phone(number.format().mode(Mode::E164).to_string()))
    };
    let starts = (1000..2000)
        .map(|n: u32| n.to_string())
        .chain((0..10).map(|d| format!("1740{d}")));
    let mut fast_hits = 0;
    for start in starts {
        for ending in ["0000000", "9876543"] {
            let raw = format!("{start}{ending}")[..11].to_owned();
            let fast = mainland_mobile_input(&raw);
            if fast.is_some() {
                fast_hits += 1;
                assert_eq!(fast, slow(&raw), "{raw}");
            }
            assert_eq!(Phone::verified(&raw), slow(&raw), "{raw}");
            // Grouped as shown, as typed, with the country code: the same answer.
            for shown in [
                format!("{} {} {}", &raw[..3], &raw[3..7], &raw[7..]),
                format!("{}-{}-{}", &raw[..3], &raw[3..7], &raw[7..]),
                format!("+86 {} {} {}", &raw[..3], &raw[3..7], &raw[7..]),
            ] {
                assert_eq!(spaced_mobile(&shown), fast, "{shown}");
                assert_eq!(Phone::verified(&shown), slow(&shown), "{shown}");
            }
        }
    }
    assert!(fast_hits > 1000, "the fast path took {fast_hits}");
}

#[test]
fn accepts_and_normalises_plausible_numbers() {
    let cases = [
        ("13812345678", "+8613812345678", "138 1234 5678"),
        ("138-1234-5678", "+8613812345678", "138 1234 5678"),
        (" 138 1234 5678 ", "+8613812345678", "138 1234 5678"),
        ("+86 138 1234 5678", "+8613812345678", "138 1234 5678"),
        ("008613812345678", "+8613812345678", "138 1234 5678"),
        ("１３８１２３４５６７８", "+8613812345678", "138 1234 5678"),
        ("010-12345678", "+861012345678", "010 1234 5678"),
        ("+1 650 253 0000", "+16502530000", "+1 650-253-0000"),
        ("+852 9123 4567", "+85291234567", "+852 9123 4567"),
        (
            "010-6552 8899 转 123",
            "+861065528899;ext=123",
            "010 6552 8899 ext. 123",
        ),
        (
            "0755-86013388 ext. 8",
            "+8675586013388;ext=8",
            "0755 8601 3388 ext. 8",
        ),
    ];
    for (raw, e164, shown) in cases {
        let phone = Phone::parse(raw).unwrap_or_else(|| panic!("{raw:?} should be accepted"));
        assert_eq!(phone.stored(), e164, "e164 of {raw:?}");
        assert!(phone.is_verified(), "{raw:?}");
        assert_eq!(phone.display(), shown, "display of {raw:?}");
        assert_eq!(
            Phone::parse(&phone.input()),
            Some(phone.clone()),
            "{raw:?} reads back"
        );
    }
}

#[test]
fn mainland_mobiles_show_as_libphonenumber_shows_them() {
    for raw in ["13812345678", "15900001111", "19912345678", "17012345678"] {
        let phone = Phone::parse(raw).expect(raw);
        let library = phonenumber::parse(None, phone.number())
            .expect("parses")
            .format()
            .mode(Mode::National)
            .to_string();
        assert_eq!(phone.national(), library, "{raw}");
        assert_eq!(phone.display(), library, "{raw}");
    }
}

#[test]
fn extensions_read_however_they_are_written() {
    for raw in [
        "021-62345678-8001",
        "021-62345678 转 8001",
        "021 6234 5678 分机8001",
        "021-62345678 ext. 8001",
        "021-62345678#8001",
        "(021) 62345678-8001",
        "０２１－６２３４５６７８－８００１",
    ] {
        let phone = Phone::parse(raw).unwrap_or_else(|| panic!("{raw}"));
        assert_eq!(phone.stored(), "+862162345678;ext=8001", "{raw}");
        assert!(phone.is_verified(), "{raw}");
        assert_eq!(phone.digits(), "02162345678;ext=8001", "{raw}");
    }
}

#[test]
fn a_number_not_valid_as_written_is_kept_as_typed() {
    let cases = [
        // (typed, kept as, digits)
        ("905-555-1234", "905-555-1234", "9055551234"),
        ("(111) 555-1111", "(111) 555-1111", "1115551111"),
        ("0300000000", "0300000000", "0300000000"),
        ("123456", "123456", "123456"),
        ("  62345678 ", "62345678", "62345678"),
        ("1381234567", "1381234567", "1381234567"),
        ("138 1234  56789", "138 1234 56789", "138123456789"),
        ("+99 123 456", "+99 123 456", "+99123456"),
        ("010-65528899 转", "010-65528899 转", "01065528899"),
        ("62345678转8001", "62345678转8001", "623456788001"),
    ];
    for (typed, kept, digits) in cases {
        let phone = Phone::parse(typed).unwrap_or_else(|| panic!("{typed:?} refused"));
        assert!(!phone.is_verified(), "{typed:?}");
        assert_eq!(phone.display(), kept, "shown as typed: {typed:?}");
        assert_eq!(phone.input(), kept, "{typed:?}");
        assert_eq!(phone.digits(), digits, "{typed:?}");
        assert_eq!(
            Phone::parse(&phone.input()),
            Some(phone.clone()),
            "{typed:?}"
        );
        assert_eq!(Phone::from_stored(phone.stored()), phone, "{typed:?}");
    }
    // Found by their digits: the same number however it was spaced.
    let a = Phone::parse("905-555-1234").expect("kept");
    let b = Phone::parse("905 555 1234").expect("kept");
    assert_eq!(a.key(), b.key());
    assert_eq!(a.last_four(), "1234");
    // With its country code, it is checked for that country, and valid.
    let us = Phone::parse("+1 905-555-1234").expect("valid");
    assert!(us.is_verified());
    assert_eq!(us.digits(), "+19055551234");
    assert_ne!(us.key(), a.key());
}

#[test]
fn text_that_is_no_phone_number_is_refused() {
    for raw in [
        "",
        "   ",
        "abc",
        "张三",
        "12",
        "+86",
        "123456789012345678901",
        "010-65528899 转 abc",
        "13812345678 微信同号",
    ] {
        assert_eq!(Phone::parse(raw), None, "{raw:?} should be refused");
    }
    for raw in ["12345", "1381234567", "010-65528899 转"] {
        assert_eq!(Phone::verified(raw), None, "{raw:?} is not valid");
    }
}

#[test]
fn the_digits_a_sheet_holds() {
    let cases = [
        ("13800138000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("010-12345678", "01012345678"),
        ("+1 650 253 0000", "+16502530000"),
        ("+852 9123 4567", "+85291234567"),
    ];
    for (raw, want) in cases {
        assert_eq!(Phone::parse(raw).expect(raw).digits(), want, "{raw}");
    }
}
