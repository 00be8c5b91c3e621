//! Imports through `App`, as front ends call them: the helpers every test here shares; the
//! file read, the plan, the dry run kept for the import, exports read back and real files in
//! their own modules.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::customers::quick_input;
use crate::{DuplicatePolicy, ErrorCode, ExportFormat, ExportRequest, KeptWhere};

mod dry_run;
mod naughty;
mod plan;
mod read;
mod real_files;
mod round_trip;

fn nov25() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid")
}

fn book(dir: &Path, name: &str) -> App {
    App::open(&dir.join(name).join("carnet.db"))
        .expect("open")
        .with_clock(nov25)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn request(path: &Path, policy: DuplicatePolicy) -> ImportRequest {
    ImportRequest {
        path: path.display().to_string(),
        policy,
        ..ImportRequest::default()
    }
}

fn export(app: &App, dir: &Path, name: &str, format: ExportFormat) -> PathBuf {
    let path = dir.join(name);
    app.export(&ExportRequest {
        path: path.display().to_string(),
        format,
        ..ExportRequest::default()
    })
    .expect("export");
    path
}

const SHEET: &str = "\
客户名单（2026年11月）
客户姓名,手机,意向车型,预算,购车时间,决策人,备注,随便
张三,138 1234 5678,汉,15-20万,一个月内,本人,想要白色,x
李四,13912345678,,很多钱,,,,
,13700000000,,,,,,
王五,12345,,,,,,
张三,13812345678,海豹,,,,又来了,

赵六,13611112222;13633334444,宋,,,配偶,,
,,汉,20万,,,只留了车型,
";
