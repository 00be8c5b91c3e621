//! Timing the fit: the trims that suit one customer, over a catalogue of 500 trims.
//!
//! What is counted: `App::suggest` end to end, as the customer page asks for it — the one
//! read of the customer, their family, their timeline, the whole catalogue and the fit rules;
//! the ranking of every trim; the lists capped. Not counted: making the book (demo customers,
//! the demo's sample catalogue made up to 500 with synthetic trims, on a temporary book of its
//! own).

use std::time::Instant;

use carnet_app::{App, AppError};
use carnet_core::catalogue::Trim;
use carnet_core::demo::Rng;
use carnet_core::{Body, Drivetrain, Energy};

use super::{ClassFigures, QUERIES, WARM_UP, figures};

/// The catalogue's size, as the figure asks.
pub const TRIMS: usize = 500;
/// Customers in the bench's book, each asked about in turn.
const CUSTOMERS: usize = 200;

/// `n` trims of a made-up range: every energy, body and size, prices from 8万 to 60万.
pub fn catalogue(n: usize, seed: u64) -> Vec<Trim> {
    let mut rng = Rng::new(seed);
    let series = [
        "海豹",
        "海豚",
        "宋PLUS",
        "秦L",
        "汉",
        "唐",
        "夏",
        "元UP",
        "驱逐舰",
        "护卫舰",
    ];
    let colours = ["白", "黑", "灰", "蓝", "红", "绿", "银"];
    (0..n)
        .map(|i| {
            let energy = rng.pick(Energy::ALL);
            let body = rng.pick(Body::ALL);
            let seats = if matches!(body, Body::Mpv) || rng.chance(15) {
                7
            } else {
                5
            };
            let plugs = energy.plugs_in();
            Trim {
                id: format!("bench-{i:04}"),
                brand: "比亚迪".to_owned(),
                series: rng.pick(&series).to_owned(),
                trim: format!("{} 型", i % 37),
                year: Some(2025),
                price: 80_000 + rng.below(520) * 1_000,
                body: Some(body),
                energy: Some(energy),
                seats: Some(seats),
                power_kw: Some(70 + rng.below(400) as u32),
                accel_s: Some(3.0 + rng.below(90) as f32 / 10.0),
                fuel_l100: (energy != Energy::Bev).then(|| 3.5 + rng.below(50) as f32 / 10.0),
                range_km: plugs.then(|| 50 + rng.below(700) as u32),
                battery_kwh: plugs.then(|| 10.0 + rng.below(90) as f32),
                length_mm: Some(4_000 + rng.below(1_300) as u32),
                wheelbase_mm: Some(2_500 + rng.below(650) as u32),
                boot_l: Some(300 + rng.below(700) as u32),
                drivetrain: Some(rng.pick(Drivetrain::ALL)),
                adas: if rng.chance(60) {
                    "L2".to_owned()
                } else {
                    String::new()
                },
                warranty: format!("{}年或15万公里", 3 + rng.below(6)),
                colours: colours[..1 + rng.below(colours.len() as u64) as usize]
                    .iter()
                    .map(|c| (*c).to_owned())
                    .collect(),
                aliases: Vec::new(),
                note: String::new(),
            }
        })
        .collect()
}

/// p95 of `App::suggest` for customers of a demo book, over [`TRIMS`] trims.
pub fn fit() -> Result<ClassFigures, AppError> {
    let dir = std::env::temp_dir().join(format!("carnet-bench-fit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(AppError::internal)?;
    let result = fit_in(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn fit_in(dir: &std::path::Path) -> Result<ClassFigures, AppError> {
    let app = App::open(&dir.join("fit.db"))?;
    app.fill_demo(CUSTOMERS, 0xF17, true)?;
    let everyone = app.list_customers()?;
    // The demo book comes with the sample catalogue: made-up trims make up the rest.
    let sample = everyone.first().map_or(Ok(0), |c| {
        app.suggest(&c.id).map(|s| s.catalogue_size as usize)
    })?;
    app.load_trims(&catalogue(TRIMS.saturating_sub(sample), 0xF17))?;
    let mut times = Vec::new();
    for i in 0..QUERIES + WARM_UP {
        let who = &everyone[i % everyone.len().max(1)];
        let start = Instant::now();
        let found = app.suggest(&who.id)?;
        let took = start.elapsed();
        debug_assert_eq!(found.catalogue_size as usize, TRIMS.max(sample));
        if i >= WARM_UP {
            times.push(took);
        }
    }
    Ok(figures("fit_500_trims", times, Some(5.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_synthetic_catalogue_is_within_the_fields_bounds() {
        let trims = catalogue(TRIMS, 1);
        assert_eq!(trims.len(), TRIMS);
        let ids: std::collections::HashSet<&str> = trims.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids.len(), TRIMS);
        for t in &trims {
            for (code, value) in [
                ("price", Some(t.price as f64)),
                ("power_kw", t.power_kw.map(f64::from)),
                ("accel_s", t.accel_s.map(f64::from)),
                ("fuel_l100", t.fuel_l100.map(f64::from)),
                ("range_km", t.range_km.map(f64::from)),
                ("battery_kwh", t.battery_kwh.map(f64::from)),
                ("length_mm", t.length_mm.map(f64::from)),
                ("wheelbase_mm", t.wheelbase_mm.map(f64::from)),
                ("boot_l", t.boot_l.map(f64::from)),
            ] {
                let field = carnet_core::catalogue::trim_field(code).expect(code);
                if let Some(v) = value {
                    assert!((field.min..=field.max).contains(&v), "{code} {v}");
                }
            }
        }
    }

    #[test]
    fn the_fit_is_timed_for_every_query() {
        let figures = fit().expect("timed");
        assert_eq!(figures.class, "fit_500_trims");
        assert_eq!(figures.queries, QUERIES);
        assert!(figures.p95_ms > 0.0 && figures.p95_ms <= figures.max_ms);
        eprintln!("fit p95 (debug build): {} ms", figures.p95_ms);
    }
}
