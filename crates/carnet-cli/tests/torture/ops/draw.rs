//! How a command is drawn: a kind by weight, then its arguments from what the model holds.

use chrono::Days;

use super::super::Rng;
use super::super::model::{Cust, Known, Life, Model};
use super::{Ctx, Fill, KINDS, NewRow, Op, pick_live, unique_name, unique_phone};

impl Op {
    /// A command of a kind drawn by weight that the model allows (an undo needs an import,
    /// a restore a backup, …).
    pub fn draw(rng: &mut Rng, model: &Model, ctx: &mut Ctx) -> Op {
        let total: u64 = KINDS.iter().map(|(_, w)| w).sum();
        loop {
            let mut roll = rng.below(total);
            let kind = KINDS
                .iter()
                .find(|(_, w)| {
                    if roll < *w {
                        true
                    } else {
                        roll -= w;
                        false
                    }
                })
                .map_or("add", |(k, _)| *k);
            if let Some(op) = Op::of_kind(kind, rng, model, ctx) {
                return op;
            }
        }
    }

    /// A command of `kind`, or `None` when the model has nothing it could work on.
    pub fn of_kind(kind: &str, rng: &mut Rng, model: &Model, ctx: &mut Ctx) -> Option<Op> {
        let n = ctx.next();
        let today = ctx.today();
        let day = |d: u64| {
            today
                .checked_add_days(Days::new(d))
                .unwrap_or(today)
                .format("%Y-%m-%d")
                .to_string()
        };
        Some(match kind {
            "add" => Op::Add {
                name: unique_name(rng, n),
                phone: rng.chance(0.9).then(|| unique_phone("198", n)),
            },
            "edit" => {
                let id = pick_live(rng, model, true)?;
                let mut fields: Vec<&'static str> = super::super::model::FIELDS.to_vec();
                rng.shuffle(&mut fields);
                let count = 2 + usize::try_from(rng.below(4)).unwrap_or(0);
                fields.truncate(count);
                // The first field is a text one: what a killed edit is told apart by.
                match fields.iter().position(|f| !matches!(*f, "budget" | "tags")) {
                    Some(text) => fields.swap(0, text),
                    None => fields.insert(0, "notes"),
                }
                let sets = fields
                    .into_iter()
                    .map(|f| match f {
                        "budget" => {
                            let lo = 5 + rng.below(30);
                            let hi = lo + 1 + rng.below(10);
                            (
                                f,
                                format!("{lo}-{hi}万"),
                                format!("{}-{}", lo * 10_000, hi * 10_000),
                            )
                        }
                        "tags" => (f, format!("t{n},k{n}"), format!("t{n},k{n}")),
                        _ => (f, format!("{f} {n}"), format!("{f} {n}")),
                    })
                    .collect();
                Op::Edit { id, sets }
            }
            "log" => {
                let id = pick_live(rng, model, true)?;
                let kind = *rng.pick(&[
                    "call",
                    "call",
                    "visit",
                    "message",
                    "test_drive",
                    "quote",
                    "service",
                    "complaint",
                ]);
                let outcome = match kind {
                    "call" | "message" => *rng.pick(&["reached", "not_reached", "declined"]),
                    _ => "",
                };
                let at = if rng.chance(0.3) {
                    let hours = 1 + rng.below(72);
                    (ctx.now - chrono::Duration::hours(i64::try_from(hours).unwrap_or(1)))
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                } else {
                    String::new()
                };
                let next = if rng.chance(0.6) {
                    let d = day(1 + rng.below(20));
                    if rng.chance(0.3) {
                        format!("{d} {:02}:{:02}", 9 + rng.below(9), 15 * rng.below(4))
                    } else {
                        d
                    }
                } else {
                    String::new()
                };
                let satisfaction = if kind == "service" && rng.chance(0.7) {
                    (1 + rng.below(5)).to_string()
                } else {
                    String::new()
                };
                Op::Log {
                    id,
                    kind,
                    outcome,
                    at,
                    next,
                    satisfaction,
                    note: format!("log {n}"),
                }
            }
            "level" => {
                let id = pick_live(rng, model, true)?;
                let now = model.customers.get(&id).and_then(|c| c.level.clone());
                let choices: Vec<&'static str> = ["N", "H", "A", "B", "C", "F"]
                    .into_iter()
                    .filter(|l| now.as_deref() != Some(*l))
                    .collect();
                let level = rng.one(&choices);
                Op::Level {
                    id,
                    level,
                    reason: format!("reason {n}"),
                }
            }
            "order" => Op::Order {
                id: pick_live(rng, model, true)?,
                price: 100_000 + n,
                expected_delivery: if rng.chance(0.5) {
                    day(10 + rng.below(30))
                } else {
                    String::new()
                },
            },
            "deliver" => {
                const VIN: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
                let vin: String = (0..17).map(|_| char::from(*rng.pick(VIN))).collect();
                Op::Deliver {
                    id: pick_live(rng, model, true)?,
                    vin: if rng.chance(0.8) { vin } else { String::new() },
                    plate: format!("粤B{:05}", n % 100_000),
                }
            }
            "family" => {
                let id = pick_live(rng, model, true)?;
                let birthday = rng
                    .chance(0.7)
                    .then(|| format!("{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)));
                let relation: &'static str =
                    rng.one(&["wife", "husband", "son", "daughter", "father", "mother"]);
                Op::Family {
                    id,
                    name: unique_name(rng, n),
                    relation,
                    lunar: birthday.is_some() && rng.chance(0.5),
                    birthday,
                }
            }
            "import" => {
                let span = ctx.max_rows.saturating_sub(ctx.min_rows) as u64 + 1;
                let count = ctx.min_rows + usize::try_from(rng.below(span)).unwrap_or(0);
                let rows = (0..count)
                    .map(|_| {
                        let n = ctx.next();
                        NewRow {
                            name: unique_name(rng, n),
                            phone: unique_phone("166", n),
                            company: format!("co {n}"),
                            notes: format!("imported {n}"),
                        }
                    })
                    .collect();
                let mut targets: Vec<(&String, &Cust)> = model
                    .customers
                    .iter()
                    .filter(|(_, c)| {
                        c.life == Life::Live
                            && c.phone.is_some()
                            && c.known("company") == Known::Empty
                            && c.known("hobbies") == Known::Empty
                    })
                    .collect();
                rng.shuffle(&mut targets);
                targets.truncate(usize::try_from(rng.below(4)).unwrap_or(0));
                let fills = targets
                    .into_iter()
                    .map(|(id, c)| Fill {
                        id: id.clone(),
                        name: c.name.clone(),
                        phone: c.phone.clone().unwrap_or_default(),
                        company: format!("filled co {n}"),
                        hobbies: format!("filled hobbies {n}"),
                    })
                    .collect();
                Op::Import {
                    file: ctx.dir.join(format!("import-{n}.csv")),
                    rows,
                    fills,
                }
            }
            "undo-import" => {
                let open: Vec<&String> = model
                    .imports
                    .iter()
                    .filter(|(_, i)| !i.undone)
                    .map(|(id, _)| id)
                    .collect();
                if open.is_empty() {
                    return None;
                }
                Op::UndoImport {
                    id: (*rng.pick(&open)).clone(),
                }
            }
            "merge" => {
                let survivor = pick_live(rng, model, true)?;
                let loser = pick_live(rng, model, true)?;
                if survivor == loser {
                    return None;
                }
                Op::Merge { survivor, loser }
            }
            "trash" => Op::Trash {
                id: pick_live(rng, model, true)?,
            },
            "restore" => {
                let trashed = model.ids(Life::Trash);
                if trashed.is_empty() {
                    return None;
                }
                Op::RestoreCustomer {
                    id: rng.pick(&trashed).clone(),
                }
            }
            "empty-trash" => Op::EmptyTrash,
            "backup" => Op::Backup {
                file: ctx.dir.join(format!("backup-{n}.db")),
            },
            "restore-book" => {
                if ctx.backups.is_empty() {
                    return None;
                }
                let (file, model) = rng.pick(&ctx.backups).clone();
                let (file, aged_from) = if rng.chance(0.3) {
                    let day = (chrono::Utc::now() - chrono::Duration::days(3)).format("%Y%m%d");
                    let aged = ctx
                        .dir
                        .join("backups")
                        .join(format!("carnet-{day}-080000.000-daily.db"));
                    (aged, Some(file))
                } else {
                    (file, None)
                };
                Op::RestoreBook {
                    file,
                    model: Box::new(model),
                    aged_from,
                }
            }
            _ => return None,
        })
    }
}
