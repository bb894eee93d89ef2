import pytest

from denyut.privacy import scrub


@pytest.mark.parametrize("text", [
    "hubungi 0812-3456-7890 ya", "WA +62 813 2222 4444", "call 6281398765432", "no 081398765432",
    "kontak: 0857.1111.2233",
])
def test_phone_numbers_are_removed(text):
    out = scrub(text)
    assert "[nomor disembunyikan]" in out
    assert not any(ch.isdigit() for ch in out.split("[")[0][-4:])


def test_nik_emails_links_and_private_mentions_are_removed():
    out = scrub("NIK 3271046504870002 email budi.s@mail.co.id https://x.com/budi/status/1 @budi_s dan @kpu_ri",
                public_handles={"KPU_RI"})
    assert "3271046504870002" not in out and "budi" not in out
    assert "[NIK disembunyikan]" in out and "[email disembunyikan]" in out and "[tautan]" in out
    assert "@[pengguna]" in out and "@kpu_ri" in out


def test_ordinary_numbers_survive():
    assert scrub("TPS 12 buka 07.00-13.00 tanggal 27 November 2024, 150 pemilih") == \
        "TPS 12 buka 07.00-13.00 tanggal 27 November 2024, 150 pemilih"
