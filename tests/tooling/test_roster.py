"""Class lists as schools and Excel save them (tools/roster.py), and one folder per class."""

import codecs
import csv
import json

import nbformat
import pytest

import crmlib as crm
from conftest import load_tool

roster = load_tool("roster")
make_variants = load_tool("make_variants")

CLASS = [("2024001", "李伟"), ("2024002", "张敏"), ("S-0042", "Maria Rossi")]
HEADERS = {"english": ("student_id", "name"), "chinese": ("学号", "姓名"),
           "excel-ish": ("Student ID", "Name")}
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM (Excel's CSV UTF-8)": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "gbk": lambda text: text.encode("gbk"),
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16 (Excel's Unicode text)": lambda text: text.encode("utf-16"),   # BOM + LE
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le without BOM": lambda text: text.encode("utf-16-le"),
}
SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}


def _write(path, text, encoding="utf-8"):
    path.write_bytes(ENCODINGS[encoding](text))
    return path


def _class_list(header=("student_id", "name"), separator=",", rows=CLASS, extra=True):
    lines = [separator.join([*header, "class"] if extra else header)]
    lines += [separator.join([sid, name, "CRM-A"] if extra else [sid, name]) for sid, name in rows]
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def exercises(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import crmlib as crm\nSTUDENT_ID = None"),
        nbformat.v4.new_code_cell("hotel = crm.exercises.hotel_loyalty(student=STUDENT_ID)")])
    (folder / "02_hotel_exercises.ipynb").write_text(nbformat.writes(notebook))
    return folder


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_a_class_list_comes_in(tmp_path, encoding):
    path = _write(tmp_path / "class.csv", _class_list(HEADERS["chinese"]), encoding)
    read = roster.read_roster(path)
    assert [(s.student_id, s.name) for s in read.students] == CLASS
    expected = {"utf-8": "UTF-8", "gbk": "GBK/GB18030", "gb18030": "GBK/GB18030"}
    assert read.encoding == expected.get(encoding, "UTF-8 with BOM" if "BOM (Excel" in encoding
                                         else "UTF-16")


@pytest.mark.parametrize("header", HEADERS)
@pytest.mark.parametrize("separator", SEPARATORS)
def test_every_header_and_separator(tmp_path, header, separator):
    text = _class_list(HEADERS[header], SEPARATORS[separator])
    read = roster.read_roster(_write(tmp_path / "class.csv", text))
    assert [(s.student_id, s.name) for s in read.students] == CLASS
    assert read.separator == SEPARATORS[separator]
    assert f"{separator}-separated" in read.describe()


def test_names_with_commas_in_a_semicolon_list(tmp_path):
    text = "学号;姓名\n2024001;Rossi, Maria\n"
    assert roster.read_roster(_write(tmp_path / "c.csv", text)).students[0].name == "Rossi, Maria"


def test_ids_ignore_case_and_full_width_forms():
    assert {roster.canonical_id(x) for x in ("S-0042", "s-0042", " s-0042 ", "Ｓ－００４２")} == \
        {"S-0042"}


def test_one_id_one_set_of_numbers(tmp_path, exercises):
    keys = {}
    for spelling in ("S-0042", "s-0042"):
        path = _write(tmp_path / f"{spelling}.csv", f"student_id,name\n{spelling},Maria\n")
        written, key = make_variants.make_variants(path, tmp_path / spelling, exercises)
        assert written[0].parent.name == "S-0042"
        assert "STUDENT_ID = 'S-0042'" in written[0].read_text(encoding="utf-8")
        with key.open(encoding="utf-8-sig", newline="") as handle:
            keys[spelling] = [(r["question"], r["answer"]) for r in csv.DictReader(handle)]
    assert keys["S-0042"] == keys["s-0042"]
    own = crm.exercises.hotel_loyalty(student="S-0042")
    assert keys["S-0042"] and all(own.check(q, a).correct for q, a in keys["S-0042"])


def test_rare_characters_in_names_are_still_gbk(tmp_path):
    rows = [("1", "王喆"), ("2", "李伟"), ("3", "张敏"), ("4", "陈杰"), ("5", "刘洋")]
    read = roster.read_roster(_write(tmp_path / "c.csv", _class_list(rows=rows), "gbk"))
    assert [s.name for s in read.students] == [n for _, n in rows]


def test_text_in_an_unknown_encoding_is_refused_with_its_line(tmp_path):
    path = tmp_path / "western.csv"
    path.write_bytes("student_id,name\n1,Müller\n".encode("latin-1"))
    with pytest.raises(roster.RosterError, match=r"^western.csv, line 2: the file is not UTF-8, "
                                                 r"GBK/GB18030 or UTF-16 text \(byte 0xfc\)"):
        roster.read_roster(path)


def test_every_problem_is_one_line_with_its_line_number(tmp_path):
    text = "学号\t姓名\n2024001\t李伟\n\t张敏\n2024001\t王芳\n../x\t陈杰\n"
    with pytest.raises(roster.RosterError) as caught:
        roster.read_roster(_write(tmp_path / "c.csv", text, "gbk"))
    assert str(caught.value).splitlines() == [
        "c.csv, line 3: student_id is blank (name '张敏')",
        "c.csv, line 4: student_id '2024001' repeats line 2; ids must be unique",
        "c.csv, line 5: student_id '../x' may only contain letters, digits, '_', '.' and '-' "
        "(it names the student's folder)"]


# --------------------------------------------------------------------------- output folders


def _key_rows(key):
    with key.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_two_classes_live_side_by_side(tmp_path, exercises, monkeypatch):
    monkeypatch.setattr(make_variants, "ROOT", tmp_path)
    class_a = _write(tmp_path / "crm_a.csv", _class_list(HEADERS["chinese"]), "gbk")
    class_b = _write(tmp_path / "crm_b.csv", "student_id;name\n2024101;陈杰\n",
                     "utf-16 (Excel's Unicode text)")
    _, key_a = make_variants.make_variants(class_a, None, exercises)
    before = key_a.read_bytes()
    _, key_b = make_variants.make_variants(class_b, None, exercises)
    assert key_a == tmp_path / "variants" / "crm_a" / "answer_key.csv"
    assert key_b == tmp_path / "variants" / "crm_b" / "answer_key.csv"
    assert key_a.read_bytes() == before               # class A untouched by class B's run
    assert sorted(p.name for p in key_a.parent.iterdir() if p.is_dir()) == [
        "2024001", "2024002", "S-0042"]
    assert {r["name"] for r in _key_rows(key_b)} == {"陈杰"}


def test_another_class_is_never_overwritten_without_force(tmp_path, exercises):
    class_a = _write(tmp_path / "crm_a.csv", _class_list())
    class_b = _write(tmp_path / "crm_b.csv", "student_id,name\n2024101,陈杰\n")
    out = tmp_path / "shared"
    _, key = make_variants.make_variants(class_a, out, exercises)
    before = key.read_bytes()
    with pytest.raises(make_variants.OutputError, match="roster 'crm_a.csv', 3 students"):
        make_variants.make_variants(class_b, out, exercises)
    assert key.read_bytes() == before and (out / "S-0042").is_dir()
    assert make_variants.main([str(class_b), "--out", str(out), "--exercises",
                               str(exercises)]) == 2
    make_variants.make_variants(class_b, out, exercises, force=True)
    assert sorted(p.name for p in out.iterdir()) == [".variants.json", "2024101",
                                                     "answer_key.csv"]
    assert json.loads((out / ".variants.json").read_text(encoding="utf-8"))["roster"] == \
        "crm_b.csv"


def test_files_of_the_instructor_in_a_class_folder_are_kept(tmp_path, exercises):
    class_a = _write(tmp_path / "crm_a.csv", _class_list())
    out = tmp_path / "crm_a"
    make_variants.make_variants(class_a, out, exercises)
    (out / "grades.xlsx").write_text("mine")
    make_variants.make_variants(class_a, out, exercises)     # the same class again
    assert (out / "grades.xlsx").read_text() == "mine"


def test_the_answer_key_opens_in_excel_with_chinese_names(tmp_path, exercises):
    class_a = _write(tmp_path / "crm_a.csv", _class_list(HEADERS["chinese"]), "gbk")
    _, key = make_variants.make_variants(class_a, tmp_path / "out", exercises)
    data = key.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)                # Excel then reads it as UTF-8
    assert "李伟".encode() in data
    assert [r["name"] for r in _key_rows(key)][:1] == ["李伟"]


def test_make_variants_shows_its_progress(tmp_path, exercises, capsys):
    class_a = _write(tmp_path / "crm_a.csv", _class_list())
    assert make_variants.main([str(class_a), "--out", str(tmp_path / "out"), "--exercises",
                               str(exercises)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "roster crm_a.csv: 3 students (UTF-8, comma-separated)"
    assert [line.split(" (")[0] for line in err[1:]] == [
        "[1/3] 2024001: 李伟", "[2/3] 2024002: 张敏", "[3/3] S-0042: Maria Rossi"]
