import pytest

from denyut.errors import ConfigError
from denyut.normalize import normalize, without_emoji
from denyut.paths import CONFIG_DIR
from denyut.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(CONFIG_DIR / "issues.yaml")

# One hand-written post per issue of the brief; each must be tagged with that issue.
EXAMPLES = {
    "daftar-pemilih": "nama ku gak terdaftar di DPT padahal udh pindah domisili",
    "logistik": "surat suara blm dtg jg di TPS 5, logistik telat bgt",
    "politik-uang": "serangan fajar td malam, amplop 100rb dibagi2",
    "hoaks": "itu hoax ya, cek fakta dulu sblm share",
    "netralitas": "pak kades terang2an mendukung paslon 02, ga netral",
    "kampanye-dana": "baliho kampanye dipasang di pohon, laporan dana kampanye jg ga jelas",
    "rekapitulasi": "angka di sirekap beda sm formulir C1",
    "pencalonan": "calon tunggal lagi, rakyat disuruh pilih kotak kosong",
    "partisipasi": "males nyoblos, mending golput",
    "integritas-penyelenggara": "KPPS di TPS kami curang, surat suara sisa dicoblos",
    "keamanan": "ricuh di depan kantor KPU, massa bentrok sm aparat",
    "inklusi": "TPS di lantai 2, pemilih kursi roda ga bisa naik. ga ramah disabilitas",
    "data-pribadi": "data pribadi pemilih bocor dan dijual di forum",
    "sengketa-hasil": "paslon kalah ajukan gugatan ke MK, bakal ada PSU?",
    "kandidat": "#Coblos02 pokoknya, rekam jejaknya paling jelas",
    "kampanye-acara": "debat capres semalem seru, visi misinya beda2",
    "makan-gratis": "makan siang gratis buat anak sekolah duitnya dari mana",
    "harga-pangan": "harga beras udh 16rb, emak2 pusing",
    "pertahanan": "beli jet tempur bekas lagi, alutsista kita gini amat",
}
ADMINISTRATION = {"daftar-pemilih", "logistik", "politik-uang", "hoaks", "netralitas", "kampanye-dana", "rekapitulasi",
                  "pencalonan", "partisipasi", "integritas-penyelenggara", "keamanan", "inklusi", "data-pribadi",
                  "sengketa-hasil"}


def test_taxonomy_covers_the_election_issues_of_the_brief():
    assert set(EXAMPLES) <= {issue.id for issue in TAXONOMY.issues}
    assert len(TAXONOMY.issues) >= 12
    for issue in TAXONOMY.issues:
        assert issue.name_id and issue.name_en and issue.description


@pytest.mark.parametrize("issue_id, text", EXAMPLES.items())
def test_each_issue_is_found_in_social_media_text(issue_id, text):
    assert issue_id in TAXONOMY.tag(without_emoji(normalize(text)))


def test_unrelated_chatter_gets_no_issue():
    assert TAXONOMY.tag(normalize("selamat pagi semua, semoga harimu menyenangkan")) == []


def test_version_changes_when_patterns_change(tmp_path):
    text = (CONFIG_DIR / "issues.yaml").read_text()
    edited = tmp_path / "issues.yaml"
    edited.write_text(text.replace("'\\bserangan fajar\\b'", "'\\bserangan (fajar|subuh)\\b'"))
    assert load_taxonomy(edited).version != TAXONOMY.version
    assert load_taxonomy(edited).version.split("-")[0] == TAXONOMY.version.split("-")[0]


def test_invalid_pattern_names_the_issue(tmp_path):
    bad = tmp_path / "issues.yaml"
    bad.write_text("version: 1\nissues:\n  - {id: rusak, name_id: R, name_en: R, description: d, patterns: ['(tidak']}\n")
    with pytest.raises(ConfigError, match="rusak.*pola tidak valid"):
        load_taxonomy(bad)


def test_unknown_key_in_taxonomy_is_rejected(tmp_path):
    bad = tmp_path / "issues.yaml"
    bad.write_text("version: 1\nissues:\n  - {id: a, name_id: A, name_en: A, description: d, patterns: [x], warna: merah}\n")
    with pytest.raises(ConfigError, match="warna"):
        load_taxonomy(bad)


def test_every_issue_states_its_kind_and_the_election_bodys_own_keep_their_ids():
    assert all("kind" in issue.model_fields_set for issue in TAXONOMY.issues)
    assert set(TAXONOMY.of_kind("administration")) == ADMINISTRATION  # the ids of weeks tagged before kinds
    assert {"kandidat", "kampanye-acara"} <= set(TAXONOMY.of_kind("campaign"))
    assert {"makan-gratis", "ikn", "harga-pangan", "lapangan-kerja", "pendidikan", "kesehatan"} <= set(TAXONOMY.of_kind("policy"))
    assert TAXONOMY.kind("logistik") == "administration" and TAXONOMY.issue("kandidat").kind == "campaign"
    assert int(TAXONOMY.version.split("-")[0]) >= 2  # kinds and new issues came with version 2


def test_a_bad_kind_is_named_with_its_file_line_and_field(tmp_path):
    bad = tmp_path / "issues.yaml"
    bad.write_text("version: 2\nissues:\n  - id: a\n    name_id: A\n    name_en: A\n    kind: politik\n"
                   "    description: d\n    patterns: [x]\n")
    with pytest.raises(ConfigError) as raised:
        load_taxonomy(bad)
    message = str(raised.value)
    assert f"{bad}, baris 6: 'issues.0.kind'" in message
    assert all(kind in message for kind in ("administration", "campaign", "policy"))


def test_a_taxonomy_written_before_kinds_reads_as_the_election_bodys_own(tmp_path):
    old = tmp_path / "issues.yaml"
    old.write_text("version: 1\nissues:\n  - {id: a, name_id: A, name_en: A, description: d, patterns: [x]}\n")
    taxonomy = load_taxonomy(old)
    assert taxonomy.kind("a") == "administration" and taxonomy.of_kind("campaign", "policy") == ()
    with pytest.raises(ValueError, match="politik"):
        taxonomy.of_kind("politik")
