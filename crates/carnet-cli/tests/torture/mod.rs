//! The crash-safety suite's machinery: a seeded random generator, the seed book, the typical
//! duration of each command, one iteration (commands, a SIGKILL, the checks), and the checks
//! of a book against the model of what was reported done.

pub mod check;
pub mod model;
pub mod ops;

mod iteration;
mod run;
mod seed;
mod verdict;

pub use iteration::iteration;
pub use run::{done, run, stderr};
pub use seed::{Durations, Seed};
pub use verdict::{Killed, check_all};

/// SplitMix64: small, seeded, the same sequence on every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let len = u64::try_from(items.len()).unwrap_or(u64::MAX);
        &items[usize::try_from(self.below(len)).unwrap_or(0)]
    }

    /// `pick` for values that are copied (codes).
    pub fn one<T: Copy>(&mut self, items: &[T]) -> T {
        *self.pick(items)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.below(i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
}

/// What the environment asks for.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `CARNET_TORTURE_ITERATIONS` (default 50).
    pub iterations: u64,
    /// `CARNET_TORTURE_SEED` (decimal or 0x-hex; default drawn from the clock): iteration 0
    /// runs with this seed, so a failing iteration's seed replays it alone.
    pub seed: u64,
    /// `CARNET_TORTURE_ROWS`, `MIN-MAX` new customers in a generated import (default
    /// 200-1000).
    pub min_rows: usize,
    pub max_rows: usize,
    /// At most this many commands run to completion before the one that is killed.
    pub max_before: u64,
}

impl Settings {
    pub fn from_env() -> Settings {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let iterations = var("CARNET_TORTURE_ITERATIONS")
            .map(|v| {
                v.trim()
                    .parse()
                    .expect("CARNET_TORTURE_ITERATIONS is a number")
            })
            .unwrap_or(50);
        let seed = var("CARNET_TORTURE_SEED").map_or_else(
            || {
                let t = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0);
                Rng::new(t as u64 ^ u64::from(std::process::id())).next_u64()
            },
            |v| {
                let v = v.trim();
                match v.strip_prefix("0x") {
                    Some(hex) => u64::from_str_radix(hex, 16),
                    None => v.parse(),
                }
                .expect("CARNET_TORTURE_SEED is a number (decimal or 0x-hex)")
            },
        );
        let (min_rows, max_rows) = var("CARNET_TORTURE_ROWS").map_or((200, 1000), |v| {
            let (lo, hi) = v.split_once('-').expect("CARNET_TORTURE_ROWS is MIN-MAX");
            let lo: usize = lo.trim().parse().expect("CARNET_TORTURE_ROWS is MIN-MAX");
            let hi: usize = hi.trim().parse().expect("CARNET_TORTURE_ROWS is MIN-MAX");
            (lo.max(1), hi.max(lo.max(1)))
        });
        Settings {
            iterations,
            seed,
            min_rows,
            max_rows,
            max_before: 4,
        }
    }

    /// The seed of iteration `i`: the run's seed for the first, then a mix of both.
    pub fn iteration_seed(&self, i: u64) -> u64 {
        if i == 0 {
            self.seed
        } else {
            Rng::new(self.seed ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
        }
    }
}

pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}
