//! Running a command line against the book.

use carnet_app::{
    App, AppError, DeliveryInput, DuplicatePolicy, ErrorKind, ExportFormat, ExportRequest,
    LevelInput, ListOrder, OrderInput, quick_input,
};
use carnet_core::profile::{Invalid, Problem};
use carnet_core::{DueAt, FamilyDraft, InteractionDraft, Level};

use crate::args::{Cli, Command, FamilyCommand, TeamCommand};
use crate::bench;
use crate::files::{import, restore_book};
use crate::messages::{self, Lang};
use crate::output::{emit, print_customers, to_json};

pub(crate) fn run(cli: Cli, lang: Lang) -> Result<(), AppError> {
    let path = match cli.db {
        Some(path) => path,
        None => carnet_app::default_book_path()?,
    };
    if let Command::Restore { target, preview } = &cli.command
        && std::path::Path::new(target).is_file()
    {
        return restore_book(&path, std::path::Path::new(target), *preview, lang);
    }
    let app = App::open(&path)?;
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Add {
            name,
            phone,
            allow_duplicate,
        } => {
            let mut input = quick_input(&name, phone.as_deref());
            input.allow_duplicate = allow_duplicate;
            let customer = app.add_customer(input)?;
            emit(&mut out, &customer.id)
        }
        Command::Search {
            query,
            json,
            limit,
            offset,
        } => {
            let customers = app
                .search_customers(&query, ListOrder::Newest, offset, limit)?
                .customers;
            print_customers(&mut out, &customers, json, || {
                messages::no_match(lang, &query)
            })
        }
        Command::Show { id, json } => {
            let customer = app.get_customer(&id)?;
            let value = app.customer_value(&id)?;
            let text = if json {
                #[derive(serde::Serialize)]
                struct Shown<'a> {
                    #[serde(flatten)]
                    customer: &'a carnet_app::CustomerDetail,
                    #[serde(flatten)]
                    value: &'a carnet_app::CustomerValue,
                }
                to_json(&Shown {
                    customer: &customer,
                    value: &value,
                })?
            } else {
                format!(
                    "{}\n{}",
                    messages::profile_text(&customer, lang),
                    messages::value_line(&value, lang)
                )
            };
            emit(&mut out, &text)
        }
        Command::Team { command } => team(&app, command, lang, &mut out),
        Command::Brief { id, prompt, json } => {
            let brief = app.brief(&id, prompt.as_deref())?;
            if json {
                emit(&mut out, &to_json(&brief)?)
            } else {
                messages::brief_lines(&brief, lang)
                    .iter()
                    .try_for_each(|line| emit(&mut out, line))
            }
        }
        Command::Understand {
            text,
            customer,
            json,
        } => {
            let found = app.understand(customer.as_deref(), &text)?;
            if json {
                emit(&mut out, &to_json(&found)?)
            } else if found.is_empty() {
                eprintln!("{}", messages::nothing_understood(lang));
                Ok(())
            } else {
                found
                    .iter()
                    .try_for_each(|s| emit(&mut out, &messages::suggestion_line(s, lang)))
            }
        }
        Command::Report {
            kind,
            from,
            to,
            json,
        } => {
            let kind = report_kind(&kind)?;
            let report = app.report(
                kind,
                from.as_deref().unwrap_or(""),
                to.as_deref().unwrap_or(""),
            )?;
            if json {
                emit(&mut out, &to_json(&report)?)
            } else {
                messages::report_lines(&report, lang)
                    .iter()
                    .try_for_each(|line| emit(&mut out, line))
            }
        }
        Command::Edit {
            id,
            sets,
            allow_duplicate,
        } => {
            let pairs = sets
                .iter()
                .map(|s| {
                    s.split_once('=')
                        .map(|(f, v)| (f.trim().to_owned(), v.to_owned()))
                        .ok_or_else(|| {
                            AppError::new(
                                ErrorKind::UnknownField { value: s.clone() },
                                format!("--set takes FIELD=VALUE, not {s:?}"),
                            )
                            .with_field("field")
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let customer = app.edit_customer(&id, &pairs, allow_duplicate)?;
            emit(&mut out, &customer.id)
        }
        Command::Family {
            command:
                FamilyCommand::Add {
                    id,
                    name,
                    relation,
                    birthday,
                    lunar,
                    phone,
                    notes,
                },
        } => {
            let member = app.add_family_member(
                &id,
                FamilyDraft {
                    name,
                    relation,
                    birthday: birthday.unwrap_or_default(),
                    birthday_lunar: lunar,
                    phone: phone.unwrap_or_default(),
                    notes: notes.unwrap_or_default(),
                },
            )?;
            emit(&mut out, &member.id)
        }
        Command::Log {
            id,
            kind,
            outcome,
            at,
            satisfaction,
            next,
            note,
            promise,
            appointment,
            spend,
        } => {
            let draft = InteractionDraft {
                kind,
                at,
                outcome,
                satisfaction,
                promise,
                notes: note,
                next,
                appointment,
                spend,
            };
            emit(&mut out, &app.log_interaction(&id, draft)?.id)
        }
        Command::Level {
            id,
            level,
            lost_reason,
            competitor,
            reason,
            revisit,
        } => {
            let parsed = Level::parse(&level).ok_or_else(|| {
                AppError::from(Invalid::new(
                    "level",
                    Problem::InvalidChoice {
                        value: level.clone(),
                        allowed: Level::codes(),
                    },
                ))
            })?;
            let input = LevelInput {
                reason,
                revisit,
                lost_reason,
                competitor,
            };
            app.set_level(&id, parsed, input)
        }
        Command::Order {
            id,
            model,
            price,
            at,
            expected_delivery,
        } => {
            let input = OrderInput {
                model,
                price,
                at,
                expected_delivery,
            };
            emit(&mut out, &app.record_order(&id, input)?.id)
        }
        Command::Deliver { id, at, vin, plate } => emit(
            &mut out,
            &app.record_delivery(&id, DeliveryInput { at, vin, plate })?
                .id,
        ),
        Command::Agenda { date, days, json } => {
            let date = date
                .map(|d| {
                    DueAt::parse(&d)
                        .filter(|p| p.time.is_none())
                        .map(|p| p.date)
                        .ok_or_else(|| {
                            AppError::from(Invalid::new(
                                "date",
                                Problem::InvalidDate { value: d.clone() },
                            ))
                        })
                })
                .transpose()?;
            let agenda = app.agenda(date, days)?;
            let entries = messages::agenda_entries(&agenda, lang);
            if json {
                emit(&mut out, &to_json(&entries)?)
            } else if entries.is_empty() {
                eprintln!("{}", messages::nothing_due(lang));
                Ok(())
            } else {
                entries.iter().try_for_each(|e| {
                    let line = format!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        e.due, e.customer_id, e.name, e.kind, e.priority, e.reason
                    );
                    emit(&mut out, &line)
                })
            }
        }
        Command::Trash { id } => app.trash_customer(&id),
        Command::Restore { target, .. } => app.restore_customer(&target).map(drop),
        Command::Import {
            file,
            dry_run,
            on_duplicate,
            json,
            undo,
        } => {
            if let Some(id) = undo {
                let done = app.undo_import(&id)?;
                return if json {
                    emit(&mut out, &to_json(&done)?)
                } else {
                    emit(&mut out, &messages::import_undone(lang, &done))
                };
            }
            let policy = DuplicatePolicy::parse(&on_duplicate).ok_or_else(|| {
                AppError::from(Invalid::new(
                    "on_duplicate",
                    Problem::InvalidChoice {
                        value: on_duplicate.clone(),
                        allowed: vec!["skip", "update", "create"],
                    },
                ))
            })?;
            let file = file.unwrap_or_default();
            import(&app, &mut out, &file, policy, dry_run, json, lang)
        }
        Command::Imports { json } => {
            let imports = app.imports()?;
            if json {
                emit(&mut out, &to_json(&imports)?)
            } else {
                imports
                    .iter()
                    .try_for_each(|i| emit(&mut out, &messages::import_line(lang, i)))
            }
        }
        Command::Export {
            format,
            out: file,
            filter,
            customer,
            mask,
        } => {
            let format = ExportFormat::parse(&format).ok_or_else(|| {
                AppError::from(Invalid::new(
                    "format",
                    Problem::InvalidChoice {
                        value: format.clone(),
                        allowed: vec!["xlsx", "csv", "json"],
                    },
                ))
            })?;
            let done = app.export(&ExportRequest {
                path: file.display().to_string(),
                format,
                filter,
                customer_id: customer,
                mask,
            })?;
            eprintln!("{}", messages::exported(lang, &done));
            Ok(())
        }
        Command::Backup { out: file } => {
            let copy = app.backup_to(&file)?;
            eprintln!("{}", messages::backed_up(lang, &copy));
            Ok(())
        }
        Command::EmptyTrash => {
            let done = app.empty_trash(&mut |p| {
                eprint!("{}", messages::erase_progress(lang, p));
            })?;
            eprintln!("{}", messages::erased(lang, &done));
            Ok(())
        }
        Command::Erase { ids } => {
            for id in &ids {
                app.get_customer(id)?;
            }
            let done = app.erase_customers(&ids, &mut |p| {
                eprint!("{}", messages::erase_progress(lang, p));
            })?;
            eprintln!("{}", messages::erased(lang, &done));
            Ok(())
        }
        Command::TrashList { json } => {
            let customers = app.trash()?;
            print_customers(&mut out, &customers, json, || {
                messages::trash_empty(lang).to_owned()
            })
        }
        Command::Merge {
            survivor,
            loser,
            take,
        } => {
            let merged = app.merge_customers(&survivor, &loser, &take)?;
            emit(&mut out, &merged.id)
        }
        Command::Demo {
            customers,
            seed,
            interactions,
        } => {
            let added = app.fill_demo(customers as usize, seed, interactions as usize)?;
            eprintln!("{}", messages::demo_added(lang, added));
            Ok(())
        }
        Command::Bench {
            json,
            import_rows,
            team_exports,
            team_customers,
        } => {
            let report = bench::run(&app, import_rows, team_exports, team_customers)?;
            let text = if json {
                to_json(&report)?
            } else {
                bench::render(&report)
            };
            emit(&mut out, &text)
        }
        Command::List { json } => {
            let customers = app.list_customers()?;
            print_customers(&mut out, &customers, json, || {
                messages::empty_book(lang).to_owned()
            })
        }
    }
}

/// A report's kind as typed.
fn report_kind(kind: &str) -> Result<carnet_app::ReportKind, AppError> {
    carnet_app::ReportKind::parse(kind).ok_or_else(|| {
        AppError::from(Invalid::new(
            "report",
            Problem::InvalidChoice {
                value: kind.to_owned(),
                allowed: carnet_app::ReportKind::ALL
                    .iter()
                    .map(|k| k.code())
                    .collect(),
            },
        ))
    })
}

/// `carnet team …`.
fn team(
    app: &App,
    command: TeamCommand,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> Result<(), AppError> {
    match command {
        TeamCommand::Open { sources, json } => {
            let book = app.open_team(&sources)?;
            if json {
                emit(out, &to_json(&book)?)
            } else {
                messages::team_book_lines(&book, lang)
                    .iter()
                    .try_for_each(|line| emit(out, line))
            }
        }
        TeamCommand::Overview { from, to, json } => {
            let overview =
                app.team_overview(from.as_deref().unwrap_or(""), to.as_deref().unwrap_or(""))?;
            if json {
                emit(out, &to_json(&overview)?)
            } else {
                messages::team_overview_lines(&overview, lang)
                    .iter()
                    .try_for_each(|line| emit(out, line))
            }
        }
        TeamCommand::Report {
            kind,
            from,
            to,
            json,
        } => {
            let reports = app.team_reports(
                report_kind(&kind)?,
                from.as_deref().unwrap_or(""),
                to.as_deref().unwrap_or(""),
            )?;
            if json {
                emit(out, &to_json(&reports)?)
            } else {
                for r in &reports {
                    emit(
                        out,
                        &messages::consultant_heading(r.consultant.as_deref(), lang),
                    )?;
                    messages::report_lines(&r.report, lang)
                        .iter()
                        .try_for_each(|line| emit(out, line))?;
                }
                Ok(())
            }
        }
        TeamCommand::Shared { json } => {
            let shared = app.shared_customers()?;
            if json {
                emit(out, &to_json(&shared)?)
            } else {
                shared.iter().try_for_each(|s| {
                    let holders: Vec<String> = s
                        .holders
                        .iter()
                        .map(|h| format!("{}:{}", h.consultant, h.name))
                        .collect();
                    emit(out, &format!("{}\t{}", s.phone, holders.join("\t")))
                })
            }
        }
    }
}
