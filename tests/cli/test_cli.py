import os
import sqlite3
import subprocess
import sys

from stationdesk import __version__


def sd(*args, data_dir=None, env_dir=None, check=False, extra_env=None):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("STATIONDESK_DATA_DIR", "STATIONDESK_USER", "STATIONDESK_PASSWORD")
    }
    env.update(extra_env or {})
    if env_dir is not None:
        env["STATIONDESK_DATA_DIR"] = str(env_dir)
    cmd = [sys.executable, "-m", "stationdesk"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    done = subprocess.run(cmd + list(args), capture_output=True, text=True, env=env, timeout=600)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_version():
    """--version prints the one version source."""
    done = sd("--version", check=True)
    assert done.stdout.strip() == f"StationDesk {__version__}"


def test_init_demo_check_on_a_new_directory(tmp_path):
    """The issue's sequence: init, demo-data --visits 20000, check — all exit 0 on a new dir."""
    d = tmp_path / "D"
    init = sd(
        "init",
        "--station-code",
        "410205-01",
        "--station-name",
        "测试联络站",
        data_dir=d,
        check=True,
    )
    assert "测试联络站" in init.stdout
    sd("demo-data", "--visits", "20000", data_dir=d, check=True)
    done = sd("check", data_dir=d, check=True)
    assert "检查通过" in done.stdout
    con = sqlite3.connect(d / "stationdesk.db")
    try:
        assert con.execute("SELECT count(*) FROM visit").fetchone() == (20000,)
        tracks = {r[0] for r in con.execute("SELECT DISTINCT track FROM case_record")}
        statuses = {r[0] for r in con.execute("SELECT DISTINCT status FROM case_record")}
        ratings = {r[0] for r in con.execute("SELECT DISTINCT rating FROM case_record")}
        levels = {r[0] for r in con.execute("SELECT DISTINCT level FROM deputy_term")}
        channels = {r[0] for r in con.execute("SELECT DISTINCT channel FROM visit")}
        assert tracks == {"on_spot", "supervise", "suggestion"}
        assert {"pending", "in_progress", "closed", "unsatisfied", "done"} <= statuses
        assert {"satisfied", "basically_satisfied", "unsatisfied"} <= ratings
        assert levels == {"national", "province", "city", "county", "township"}
        assert len(channels) == 8
        assert con.execute("SELECT count(*) FROM attendance").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM sync_outbox").fetchone() == (0,)
        assert con.execute("SELECT value FROM settings WHERE key='demo_data'").fetchone() == (
            "true",
        )
    finally:
        con.close()


def _contents(db):
    con = sqlite3.connect(db)
    try:
        return (
            con.execute(
                "SELECT group_concat(visitor_name || visitor_phone, '|') FROM "
                "(SELECT * FROM visit ORDER BY received_at, visitor_name)"
            ).fetchone(),
            con.execute(
                "SELECT group_concat(case_no || status, '|') FROM "
                "(SELECT * FROM case_record ORDER BY case_no)"
            ).fetchone(),
        )
    finally:
        con.close()


def test_demo_data_is_deterministic(tmp_path):
    """The same seed gives the same visitors and cases in two new directories."""
    for name in ("a", "b"):
        sd(
            "init",
            "--station-code",
            "410205-01",
            "--station-name",
            "测试站",
            data_dir=tmp_path / name,
            check=True,
        )
        sd("demo-data", "--visits", "300", "--seed", "5", data_dir=tmp_path / name, check=True)
    assert _contents(tmp_path / "a" / "stationdesk.db") == _contents(
        tmp_path / "b" / "stationdesk.db"
    )


def test_data_dir_from_environment(tmp_path):
    """STATIONDESK_DATA_DIR is used when --data-dir is absent."""
    sd(
        "init",
        "--station-code",
        "410205-02",
        "--station-name",
        "二号站",
        env_dir=tmp_path / "E",
        check=True,
    )
    assert (tmp_path / "E" / "stationdesk.db").exists()


def test_second_init_is_refused_in_chinese(tmp_path):
    """init on an initialised directory exits 1 with a Chinese message and changes nothing."""
    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "测试站", data_dir=d, check=True)
    done = sd("init", "--station-code", "410205-09", "--station-name", "别的站", data_dir=d)
    assert done.returncode == 1
    assert "已经初始化" in done.stderr


def test_bad_station_code_is_explained(tmp_path):
    """A malformed station code is refused with the field named."""
    done = sd("init", "--station-code", "!!", "--station-name", "测试站", data_dir=tmp_path / "D")
    assert done.returncode == 1
    assert "station_code" in done.stderr and "编码" in done.stderr


def test_commands_on_an_uninitialised_directory_say_so(tmp_path):
    """check on a new directory exits 1 and says to run init first."""
    done = sd("check", data_dir=tmp_path / "new")
    assert done.returncode == 1 and "init" in done.stderr


def test_backup_restore_and_check_detect_tampering(tmp_path):
    """backup -o writes a copy; tampering makes check exit 1; restore from the copy makes it 0."""
    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "测试站", data_dir=d, check=True)
    sd("demo-data", "--visits", "200", data_dir=d, check=True)
    copy = tmp_path / "copy.db"
    sd("backup", "-o", str(copy), data_dir=d, check=True)
    assert copy.exists()
    con = sqlite3.connect(d / "stationdesk.db")
    con.execute("DROP TRIGGER audit_log_append_only_update")
    con.execute("UPDATE audit_log SET detail = '{}' WHERE id = 5")
    con.commit()
    con.close()
    bad = sd("check", data_dir=d)
    assert bad.returncode == 1 and "第 5 条" in bad.stdout
    sd("restore", str(copy), data_dir=d, check=True)
    assert sd("check", data_dir=d).returncode == 0


def test_backup_without_output_goes_to_the_backups_folder(tmp_path):
    """backup without -o writes a verified file into the data directory's backups folder."""
    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "测试站", data_dir=d, check=True)
    sd("backup", data_dir=d, check=True)
    made = list((d / "backups").glob("stationdesk-*.db"))
    assert len(made) == 1
    con = sqlite3.connect(made[0])
    assert con.execute("SELECT name FROM station").fetchone() == ("测试站",)
    con.close()


def test_cases_list_and_show(tmp_path):
    """cases list filters and searches (masked output, JSON too); cases show prints the timeline."""
    import json

    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "测试站", data_dir=d, check=True)
    sd("demo-data", "--visits", "300", data_dir=d, check=True)
    listed = json.loads(
        sd("cases", "list", "--search", "路灯", "--json", data_dir=d, check=True).stdout
    )
    assert listed["total"] > 0
    assert all("路灯" in c["excerpt"] for c in listed["cases"])
    assert all("*" in c["visitor"] for c in listed["cases"])
    overdue = json.loads(sd("cases", "list", "--overdue", "--json", data_dir=d, check=True).stdout)
    assert all(c["overdue"] for c in overdue["cases"])
    case_no = listed["cases"][0]["case_no"]
    shown = sd("cases", "show", case_no, data_dir=d, check=True).stdout
    assert case_no in shown and "登记" in shown and "办理经过" in shown
    detail = json.loads(sd("cases", "show", case_no, "--json", data_dir=d, check=True).stdout)
    assert detail["row"]["case_no"] == case_no and detail["timeline"][0]["kind"] == "registered"
    missing = sd("cases", "show", "410205-01-2026-01-99999X", data_dir=d)
    assert missing.returncode == 1 and "找不到" in missing.stderr


def test_receipt_writes_each_format_and_logs_the_reprint(tmp_path):
    """receipt CASE_NO --format … -o FILE: a PDF with the case number; 补打回执 on the timeline."""
    import json

    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "测试站", data_dir=d, check=True)
    sd("demo-data", "--visits", "30", data_dir=d, check=True)
    listed = json.loads(sd("cases", "list", "--json", data_dir=d, check=True).stdout)
    case_no = listed["cases"][0]["case_no"]
    for fmt in ("a4", "a5", "80mm"):
        out = tmp_path / f"回执 {fmt}.pdf"
        done = sd("receipt", case_no, "--format", fmt, "-o", str(out), data_dir=d, check=True)
        assert str(out) in done.stdout
        words = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert case_no in words and "测试站" in words
    detail = json.loads(sd("cases", "show", case_no, "--json", data_dir=d, check=True).stdout)
    reprints = [t for t in detail["timeline"] if t["kind"] == "reprinted"]
    assert [t["details"]["format"] for t in reprints] == ["a4", "a5", "80mm"]
    too_long = sd(
        "receipt", case_no, "--summary", "长" * 61, "-o", str(tmp_path / "x.pdf"), data_dir=d
    )
    assert too_long.returncode == 1 and "过长" in too_long.stderr
    assert not (tmp_path / "x.pdf").exists()
    missing = sd("receipt", "410205-01-2026-01-99999X", "-o", str(tmp_path / "y.pdf"), data_dir=d)
    assert missing.returncode == 1 and "找不到" in missing.stderr
    no_folder = sd("receipt", case_no, "-o", str(tmp_path / "无此目录" / "z.pdf"), data_dir=d)
    assert no_folder.returncode == 1 and "无法写入文件" in no_folder.stderr
    assert "Traceback" not in no_folder.stderr


def test_users_and_attribution(tmp_path):
    """init --admin; users add/list/unlock/reset-password as the admin; roles hold on the CLI."""
    import json

    d = tmp_path / "D"
    env_admin = {"STATIONDESK_NEW_PASSWORD": "站长的口令-A1b2"}
    weak = sd(
        "init",
        "--station-code",
        "410205-01",
        "--station-name",
        "测试站",
        "--admin",
        "admin",
        data_dir=d,
        extra_env={"STATIONDESK_NEW_PASSWORD": "12345678"},
    )
    assert weak.returncode == 1 and "太常见" in weak.stderr
    assert not (d / "stationdesk.db").exists()  # checked before anything was written
    sd(
        "init",
        "--station-code",
        "410205-01",
        "--station-name",
        "测试站",
        "--admin",
        "admin",
        "--admin-name",
        "王站长",
        data_dir=d,
        extra_env=env_admin,
        check=True,
    )
    as_admin = {"STATIONDESK_USER": "admin", "STATIONDESK_PASSWORD": "站长的口令-A1b2"}
    sd(
        "users",
        "add",
        "lina",
        "--name",
        "李娜",
        "--role",
        "clerk",
        "--staff-no",
        "A017",
        data_dir=d,
        extra_env={**as_admin, "STATIONDESK_NEW_PASSWORD": "李娜的接待口令-77"},
        check=True,
    )
    listed = json.loads(
        sd("users", "list", "--json", data_dir=d, extra_env=as_admin, check=True).stdout
    )
    assert [(u["username"], u["role"]) for u in listed] == [("admin", "admin"), ("lina", "clerk")]
    as_clerk = {"STATIONDESK_USER": "lina", "STATIONDESK_PASSWORD": "李娜的接待口令-77"}
    denied = sd("users", "list", data_dir=d, extra_env=as_clerk)
    assert denied.returncode == 1 and "没有这项操作的权限" in denied.stderr
    wrong = sd(
        "--user", "lina", "users", "list", data_dir=d, extra_env={"STATIONDESK_PASSWORD": "nope"}
    )
    assert wrong.returncode == 1 and "用户名或密码不对" in wrong.stderr
    sd("users", "unlock", "lina", data_dir=d, extra_env=as_admin, check=True)
    sd(
        "users",
        "reset-password",
        "lina",
        data_dir=d,
        extra_env={**as_admin, "STATIONDESK_NEW_PASSWORD": "新的接待口令-Autumn"},
        check=True,
    )
    anonymous = sd("cases", "list", data_dir=d)
    assert anonymous.returncode == 1 and "--user" in anonymous.stderr
    verified = sd("audit", "verify", data_dir=d, extra_env=as_admin, check=True)
    assert "审计链完整" in verified.stdout
    con = sqlite3.connect(d / "stationdesk.db")
    rows = con.execute(
        "SELECT action, json_extract(detail, '$.via') FROM audit_log "
        "WHERE action LIKE 'user.%' ORDER BY id"
    ).fetchall()
    con.close()
    assert [a for a, _ in rows] == [
        "user.create",
        "user.create",
        "user.unlock",
        "user.reset_password",
    ]
    assert all(via and via.startswith("cli:") for _, via in rows)


def test_purge_dry_run_then_apply(tmp_path):
    """purge --dry-run changes nothing; --apply removes what it listed; a clerk may not."""
    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "测试站", data_dir=d, check=True)
    sd("demo-data", "--visits", "400", data_dir=d, check=True)
    con = sqlite3.connect(d / "stationdesk.db")
    before = con.execute("SELECT count(*) FROM visit").fetchone()[0]
    con.close()
    import re

    dry = sd("purge", "--dry-run", data_dir=d, check=True)
    listed = int(re.search(r"将清除：(\d+) 次来访", dry.stdout).group(1))
    con = sqlite3.connect(d / "stationdesk.db")
    assert con.execute("SELECT count(*) FROM visit").fetchone()[0] == before
    con.close()
    applied = sd("purge", "--apply", data_dir=d, check=True)
    assert f"已清除：{listed} 次来访" in applied.stdout
    con = sqlite3.connect(d / "stationdesk.db")
    assert con.execute("SELECT count(*) FROM visit").fetchone()[0] == before - listed
    con.close()
    assert sd("check", data_dir=d).returncode == 0
