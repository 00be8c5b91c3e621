//! Running a command line against the book.

use carnet_app::{
    App, AppError, DeliveryInput, DuplicatePolicy, ErrorKind, ExportFormat, ExportRequest,
    LevelInput, ListOrder, OrderInput, quick_input,
};
use carnet_core::profile::{Invalid, Problem};
use carnet_core::{DueAt, FamilyDraft, InteractionDraft, Level};

use crate::args::{CatalogCommand, Cli, Command, FamilyCommand, TeamCommand, TemplateCommand};
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
    let key = crate::passphrase::key_for(&path, lang)?;
    let new_passphrase = crate::passphrase::new_for(&cli.command, lang)?;
    let app = App::open_keyed(&path, key.as_ref())?;
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Passphrase { command } => {
            crate::passphrase::run(&app, key.as_ref(), command, new_passphrase, lang, &mut out)
        }
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
        Command::Catalog { command } => catalog(&app, command, lang, &mut out),
        Command::Quote {
            id,
            trim,
            discount,
            accessories,
            down,
            term,
            apr,
            fee,
            save,
            json,
        } => {
            let input = carnet_app::QuoteInput {
                trim,
                discount: yuan_arg("discount", discount.as_deref())?,
                accessories: yuan_arg("accessories", accessories.as_deref())?,
                down_pct: number_arg("down_pct", down.as_deref())?,
                term: number_arg("term", term.as_deref())?,
                apr: number_arg("apr", apr.as_deref())?,
                loan_fee: yuan_arg("loan_fee", fee.as_deref())?,
                ..Default::default()
            };
            let view = if save {
                app.save_quote(&id, &input)?
            } else {
                app.quote(&id, &input)?
            };
            if json {
                emit(&mut out, &to_json(&view)?)
            } else {
                messages::quote_lines(&view, lang)
                    .iter()
                    .try_for_each(|line| emit(&mut out, line))
            }
        }
        Command::Template { command } => template(&app, command, lang, &mut out),
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
        Command::Suggest { id, json } => {
            let found = app.suggest(&id)?;
            if json {
                emit(&mut out, &to_json(&found)?)
            } else {
                messages::suggestion_lines(&found, lang)
                    .iter()
                    .try_for_each(|line| emit(&mut out, line))
            }
        }
        Command::Compare { ids, json } => {
            let compared = app.compare_trims(&ids)?;
            if json {
                emit(&mut out, &to_json(&compared)?)
            } else {
                messages::comparison_lines(&compared, lang)
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
            let date = day_arg(date)?;
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
        Command::Today { date, json } => {
            let plan = match day_arg(date)? {
                Some(day) => app.plan_for(day)?,
                None => app.today_plan()?,
            };
            if json {
                emit(&mut out, &to_json(&plan)?)
            } else {
                messages::today_lines(&plan, lang)
                    .iter()
                    .try_for_each(|line| emit(&mut out, line))
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
            profiles_only,
        } => {
            let added = app.fill_demo(customers as usize, seed, !profiles_only)?;
            eprintln!("{}", messages::demo_added(lang, added));
            Ok(())
        }
        Command::Bench {
            json,
            import_rows,
            team_exports,
            team_customers,
            desktop,
            start_runs,
            start_only,
            baseline,
            team_only,
            reports_only,
        } => {
            if team_only {
                let team = bench::team(team_exports.max(1), team_customers)?;
                let text = if json {
                    to_json(&team)?
                } else {
                    bench::render_team(&team)
                };
                return emit(&mut out, &text);
            }
            if let Some(kinds) = reports_only {
                let kinds = match kinds.trim() {
                    "all" => carnet_app::ReportKind::ALL.to_vec(),
                    list => list
                        .split(',')
                        .map(|k| report_kind(k.trim()))
                        .collect::<Result<Vec<_>, _>>()?,
                };
                let mut classes = Vec::new();
                bench::reports(&app, &kinds, &mut classes)?;
                let text = if json {
                    to_json(&classes)?
                } else {
                    bench::render_reports(&classes)
                };
                return emit(&mut out, &text);
            }
            if start_only {
                let start =
                    bench::start::start(&app, desktop.as_deref(), start_runs, baseline.as_deref())?;
                let text = if json {
                    to_json(&start)?
                } else {
                    bench::render_start(&start)
                };
                return emit(&mut out, &text);
            }
            let report = bench::run(
                &app,
                key.as_ref(),
                import_rows,
                team_exports,
                team_customers,
                (desktop.as_deref(), start_runs, baseline.as_deref()),
            )?;
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

/// A closed list's value as typed on the command line (its code or Chinese words), or an
/// error naming the option and what it allows.
fn choice<T: Copy>(
    field: &'static str,
    raw: &str,
    parse: fn(&str) -> Option<T>,
    codes: fn() -> Vec<&'static str>,
) -> Result<T, AppError> {
    parse(raw).ok_or_else(|| {
        AppError::from(Invalid::new(
            field,
            Problem::InvalidChoice {
                value: raw.to_owned(),
                allowed: codes(),
            },
        ))
    })
}

/// `carnet template …`.
fn template(
    app: &App,
    command: TemplateCommand,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> Result<(), AppError> {
    use carnet_core::choices::{Occasion, TextLanguage};
    match command {
        TemplateCommand::List { json } => {
            let list = app.templates()?;
            if json {
                return emit(out, &to_json(&list)?);
            }
            list.templates.iter().try_for_each(|t| {
                let edited = match (t.edited, lang) {
                    (false, _) => "",
                    (true, Lang::Zh) => "（已修改）",
                    (true, Lang::En) => " (edited)",
                };
                let body: String = t.body.split('\n').collect::<Vec<_>>().join(" ");
                let line = format!(
                    "{}\t{}\t{}\t{}{edited}\t{body}",
                    t.occasion.code(),
                    t.language.code(),
                    t.id,
                    t.name
                );
                emit(out, &line)
            })
        }
        TemplateCommand::Render {
            id,
            occasion,
            template,
            lang: language,
            json,
        } => {
            let occasion = occasion
                .map(|o| choice("occasion", &o, Occasion::parse, Occasion::codes))
                .transpose()?;
            let language = language
                .map(|l| choice("lang", &l, TextLanguage::parse, TextLanguage::codes))
                .transpose()?;
            let message = app.render_message(carnet_app::MessageRequest {
                customer_id: id,
                occasion,
                template_id: template.unwrap_or_default(),
                language,
                ..carnet_app::MessageRequest::default()
            })?;
            let unfilled = carnet_core::templates::unfilled(&message.text);
            if !unfilled.is_empty() {
                let fields = unfilled.join(" ");
                return Err(AppError::new(
                    ErrorKind::UnfilledFields {
                        fields: fields.clone(),
                    },
                    format!("the message has fields with no value for this customer: {fields}"),
                ));
            }
            if json {
                emit(out, &to_json(&message)?)
            } else {
                emit(out, &message.text)
            }
        }
    }
}

/// `carnet team …`.
fn catalog(
    app: &App,
    command: CatalogCommand,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> Result<(), AppError> {
    match command {
        CatalogCommand::Import {
            file,
            dry_run,
            json,
        } => {
            let path = file.to_string_lossy();
            if dry_run {
                let preview = app.preview_catalogue_import(&path)?;
                if json {
                    emit(out, &to_json(&preview)?)
                } else {
                    messages::catalogue_preview(lang, &preview)
                        .iter()
                        .try_for_each(|line| emit(out, line))
                }
            } else {
                let done = app.import_catalogue(&path)?;
                catalogue_done(out, lang, &done, json)
            }
        }
        CatalogCommand::Sample { json } => {
            let done = app.load_sample_catalogue()?;
            catalogue_done(out, lang, &done, json)
        }
        CatalogCommand::List { json } => {
            let trims = app.catalogue()?;
            if json {
                emit(out, &to_json(&trims)?)
            } else if trims.is_empty() {
                emit(out, messages::catalogue_empty(lang))
            } else {
                trims
                    .iter()
                    .try_for_each(|t| emit(out, &messages::trim_line(lang, t)))
            }
        }
        CatalogCommand::Export { file } => {
            let extension = file
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let format = ExportFormat::parse(&extension).ok_or_else(|| {
                AppError::from(Invalid::new(
                    "file",
                    Problem::InvalidChoice {
                        value: file.display().to_string(),
                        allowed: vec!["xlsx", "csv", "json"],
                    },
                ))
            })?;
            let done = app.export_catalogue(&file.to_string_lossy(), format)?;
            emit(out, &messages::catalogue_exported(lang, &done))
        }
    }
}

fn catalogue_done(
    out: &mut impl std::io::Write,
    lang: Lang,
    done: &carnet_app::CatalogueImportResult,
    json: bool,
) -> Result<(), AppError> {
    if json {
        emit(out, &to_json(done)?)
    } else {
        messages::catalogue_done(lang, done)
            .iter()
            .try_for_each(|line| emit(out, line))
    }
}

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

/// An amount of yuan as consultants write it ("8000", "0.8万"), or refused naming `field`.
fn yuan_arg(field: &'static str, raw: Option<&str>) -> Result<Option<u64>, AppError> {
    raw.map(|raw| {
        carnet_core::interaction::parse_yuan(raw)
            .and_then(|y| u64::try_from(y).ok())
            .ok_or_else(|| bad_number(field, raw))
    })
    .transpose()
}

/// A number, a percent sign after it allowed ("30%", "3.5"), or refused naming `field`.
fn number_arg<T: std::str::FromStr>(
    field: &'static str,
    raw: Option<&str>,
) -> Result<Option<T>, AppError> {
    raw.map(|raw| {
        let trimmed = raw.trim();
        trimmed
            .strip_suffix(['%', '％'])
            .unwrap_or(trimmed)
            .trim()
            .parse::<T>()
            .map_err(|_| bad_number(field, raw))
    })
    .transpose()
}

fn bad_number(field: &'static str, raw: &str) -> AppError {
    Invalid::new(
        field,
        Problem::InvalidNumber {
            value: raw.to_owned(),
        },
    )
    .into()
}

/// A `--date` given as YYYY-MM-DD.
fn day_arg(date: Option<String>) -> Result<Option<chrono::NaiveDate>, AppError> {
    date.map(|d| {
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
    .transpose()
}
