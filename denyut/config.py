"""The pipeline's one YAML configuration, validated at start.

An unknown key, a wrong type or a missing file is a ConfigError that names the
file, the line and the key, and says how to fix it.
"""

from __future__ import annotations

import codecs
import os
import re
import reprlib
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from denyut import paths as project_paths
from denyut.errors import ConfigError


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


CONTACT_EMAIL = re.compile(r"[^@\s<>\"'()\[\]]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,24}")
CONTACT_URL = re.compile(r"https?://[a-zA-Z0-9.-]+(?::\d+)?(?:/[^\s<>\"'`]*)?")


class ProjectSettings(Strict):
    name: str = Field("Denyut", description="Nama situs dan laporan.")
    demo: bool = Field(False, description="True bila data sintetis: setiap halaman memuat pemberitahuan 'Data demo (sintetis)'.")
    site_url: str | None = Field(None, description="Alamat publik situs (tautan kanonik, peta situs, umpan RSS, teks WhatsApp, pratinjau tautan); wajib untuk `make publish`.")
    publisher: Annotated[str, Field(min_length=2, max_length=120)] | None = Field(
        None, description="Siapa yang menerbitkan situs (lembaga atau tim), disebut di halaman Tentang dan di cara mengutip.")
    contact: str | None = Field(
        None, description="Kontak publik penerbit di halaman Tentang: alamat e-mail atau tautan http(s).")

    @field_validator("contact")
    @classmethod
    def _contact_is_an_address(cls, value: str | None) -> str | None:
        if value is not None and not (CONTACT_EMAIL.fullmatch(value) or CONTACT_URL.fullmatch(value)):
            raise ValueError(f"kontak harus alamat e-mail atau tautan http(s), bukan {value!r}")
        return value

    def url(self) -> str:
        """The site's public address with a trailing slash; mkdocs' local default until site_url is set."""
        return (self.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"


class PathSettings(Strict):
    data: Path = Field(Path("data"), description="Folder data kerja (raw/, processed/, quarantine/).")
    reports: Path = Field(Path("reports"), description="Folder laporan mingguan, satu subfolder per minggu ISO.")
    public: Path = Field(Path("public"), description="Folder situs terbitan (`make publish`); pratinjau `make site` ada di "
                                                      "folder bernama sama dengan akhiran -pratinjau.")


class ColumnMap(Strict):
    """Which export column holds each Post field (CSV and generic JSONL imports).

    The first four must exist in every record; the others are read when present.
    """

    post_id: str = Field("id", description="Kolom id unggahan (wajib ada).")
    created_at: str = Field("created_at", description="Kolom waktu ISO 8601 dengan zona waktu (wajib ada).")
    text: str = Field("text", description="Kolom teks (wajib ada).")
    author: str = Field("author", description="Kolom nama akun; disamarkan saat impor (wajib ada).")
    url: str | None = Field("url", description="Kolom tautan (disimpan hanya untuk akun publik).")
    platform: str | None = Field(None, description="Kolom platform, bila satu ekspor memuat beberapa platform.")
    lang: str | None = Field("lang", description="Kolom bahasa (opsional).")
    reply_to: str | None = Field("reply_to", description="Kolom id unggahan yang dibalas (opsional).")
    repost_of: str | None = Field("repost_of", description="Kolom id unggahan yang dibagikan ulang (opsional).")
    likes: str | None = Field("likes", description="Kolom jumlah suka (opsional).")
    reposts: str | None = Field("reposts", description="Kolom jumlah bagikan ulang (opsional).")
    replies: str | None = Field("replies", description="Kolom jumlah balasan (opsional).")
    location: str | None = Field("location", description="Kolom lokasi profil akun, mis. 'Sragen, Jawa Tengah' (opsional; "
                                                          "hanya dipakai untuk menentukan wilayah, tidak diterbitkan).")


class SourceBase(Strict):
    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Nama unik sumber (huruf kecil, angka, - _).")]
    query: str = Field("", description="Apa yang dicari sumber ini, dicatat di setiap unggahan.")
    since: date | None = Field(None, description="Abaikan unggahan sebelum tanggal ini (WIB).")
    until: date | None = Field(None, description="Abaikan unggahan sesudah tanggal ini (WIB).")
    max_posts: Annotated[int, Field(ge=1)] = Field(5000, description="Batas unggahan per target per pengambilan.")
    region: Annotated[str, Field(pattern=r"^\d{2}(\.?\d{2})?$")] | None = Field(
        None, description="Wilayah sumber ini (kode Kemendagri provinsi '33' atau kabupaten/kota '33.14'), mis. kanal "
                          "Telegram atau berita daerah: unggahannya ditempatkan di sana.")


class FileSource(SourceBase):
    type: Literal["jsonl", "snscrape-jsonl", "csv"]
    path: Path = Field(description="Berkas ekspor (relatif terhadap folder proyek).")
    platform: str | None = Field(None, description="Platform untuk semua baris (bila ekspor tidak menyebutnya).")
    columns: ColumnMap = ColumnMap()
    delimiter: Literal[",", ";", "\t", "|"] | None = Field(
        None, description="CSV: pemisah kolom; kosong: dikenali dari header (koma, titik koma, tab atau garis tegak).")
    encoding: str | None = Field(
        None, description="CSV: encoding berkas (mis. utf-8, cp1252, utf-16); kosong: dikenali dari BOM, selain itu UTF-8 "
                          "bila sah, selain itu cp1252.")

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ValueError(f"encoding tidak dikenal: {value!r} (mis. utf-8, cp1252, utf-16)") from None
        return value


class TelegramSource(SourceBase):
    type: Literal["telegram"]
    channels: list[str] = Field(min_length=1, description="Nama kanal publik (t.me/s/<nama>).")


class MastodonSource(SourceBase):
    type: Literal["mastodon"]
    instance: str = Field(description="Alamat server, mis. https://mastodon.social")
    hashtags: list[str] = Field(min_length=1, description="Tagar yang diikuti (tanpa #).")
    access_token_env: str | None = Field(None, description="Variabel lingkungan berisi token (opsional).")


class BlueskySource(SourceBase):
    type: Literal["bluesky"]
    queries: list[str] = Field(min_length=1, description="Kata kunci pencarian.")
    handle_env: str = Field("BLUESKY_HANDLE", description="Variabel lingkungan berisi handle akun.")
    password_env: str = Field("BLUESKY_APP_PASSWORD", description="Variabel lingkungan berisi app password.")
    service: str = Field("https://bsky.social", description="Server PDS tempat login.")


class YouTubeSource(SourceBase):
    type: Literal["youtube"]
    video_ids: list[str] = Field(min_length=1, description="Id video yang komentarnya diambil.")
    api_key_env: str = Field("YOUTUBE_API_KEY", description="Variabel lingkungan berisi kunci YouTube Data API v3.")


class Feed(Strict):
    name: str = Field(description="Nama media; cocokkan dengan public_accounts (platform rss) agar namanya tampil.")
    url: str = Field(description="Alamat RSS/Atom.")


class RssSource(SourceBase):
    type: Literal["rss"]
    feeds: list[Feed] = Field(min_length=1, description="Daftar feed: name, url.")


Source = Annotated[FileSource | TelegramSource | MastodonSource | BlueskySource | YouTubeSource | RssSource,
                   Field(discriminator="type")]


class HttpSettings(Strict):
    user_agent: str = Field("Denyut/0.1 (+https://github.com/denyut; pemantauan sentimen pemilu)",
                            description="User-Agent setiap permintaan HTTP.")
    timeout_s: Annotated[float, Field(gt=0)] = Field(20.0, description="Batas waktu satu permintaan.")
    retries: Annotated[int, Field(ge=0, le=10)] = Field(4, description="Percobaan ulang untuk galat jaringan, 429 dan 5xx.")
    backoff_s: Annotated[float, Field(ge=0)] = Field(1.0, description="Jeda awal percobaan ulang (berlipat dua); Retry-After dihormati.")
    min_interval_s: Annotated[float, Field(ge=0)] = Field(1.0, description="Jeda minimum antar-permintaan ke satu sumber.")


class CollectSettings(Strict):
    earliest: date = Field(date(2000, 1, 1), description="Unggahan bertanggal sebelum ini dikarantina (tanggal tidak wajar).")
    future_days: Annotated[float, Field(ge=0, le=30)] = Field(
        1.0, description="Unggahan bertanggal lebih dari sekian hari sesudah waktu pengambilan dikarantina.")
    max_count: Annotated[int, Field(ge=1)] = Field(
        10**12, description="Jumlah suka, bagikan ulang atau balasan di atas ini dikarantina (angka tidak wajar).")


class PublicAccount(Strict):
    platform: str
    handle: str
    name: str
    kind: Literal["penyelenggara", "pemerintah", "partai", "kandidat", "media", "lembaga"]


class RaySettings(Strict):
    address: str | None = Field(
        None, description="Alamat klaster Ray (mis. ray://kepala:10001); kosong: klaster lokal baru di mesin ini (ray.init()).")
    actors: Annotated[int, Field(ge=1, le=1024)] | None = Field(
        None, description="Jumlah aktor klasifikasi (masing-masing memuat model sekali); kosong: satu per CPU atau GPU klaster.")
    gpus_per_actor: Annotated[float, Field(ge=0, le=8)] = Field(
        0, description="GPU per aktor (mis. 1 untuk IndoBERT di GPU; 0 = CPU). Model transformers memakai GPU bila diberi.")
    batch_lines: Annotated[int, Field(ge=1)] = Field(2000, description="Baris mentah per batch map_batches.")


# what analysis/analyze/language.py can tell apart (Malay is read as Indonesian; "und": no language recognised)
DETECTABLE_LANGUAGES = ("id", "en", "jv", "ar", "zh", "nl", "tl", "es", "pt", "ko", "ja")


class AnalysisSettings(Strict):
    sentiment_model: str = Field("embedded", description="'embedded' (model bawaan), folder model, atau id Hugging Face (butuh extra `transformers`).")
    sentiment_labels: dict[int, Literal["positive", "neutral", "negative"]] | None = Field(
        None, description="Pemetaan id kelas → nada untuk model yang labelnya hanya LABEL_0..2 (lihat kartu modelnya).")
    sentiment_runtime: Literal["auto", "torch", "onnx-int8", "cuda-fp16"] = Field(
        "auto", description="Cara menjalankan model transformers: auto = GPU fp16 bila ada, selain itu ONNX int8 di CPU.")
    issues_model: Path | None = Field(
        None, description="Folder penanda isu yang belajar dari vonis peninjau (`make train-issues`, relatif terhadap "
                          "folder proyek); kosong: pola taksonomi saja. Tiap pekan dibaca model yang tidak pernah "
                          "belajar dari audit pekan itu.")
    issues_file: Path | None = Field(
        None, description="Taksonomi isu (relatif terhadap folder proyek); kosong: config/issues.yaml di folder proyek, "
                          "atau taksonomi bawaan Denyut bila tidak ada.")
    # above 0.9 MinHash's bands (three of them must match) find too few of the pairs at the threshold
    near_duplicate_threshold: Annotated[float, Field(ge=0.5, le=0.9)] = Field(
        0.8, description="Kemiripan Jaccard minimum (5-gram karakter; kandidat dari MinHash LSH) untuk menandai hampir-duplikat."
    )
    batch_size: Annotated[int, Field(ge=100)] = Field(5000, description="Baris mentah per satuan kerja seorang pekerja (batas memori; hasilnya sama berapa pun).")
    engine: Literal["local", "ray"] = Field(
        "local", description="Tempat kerja per unggahan: local = semua inti mesin ini; ray = Ray Data (klaster, GPU). Hasilnya sama.")
    workers: Annotated[int, Field(ge=1, le=256)] | None = Field(
        None, description="Proses pekerja mesin lokal; kosong: satu per inti. Hasilnya sama berapa pun jumlahnya.")
    ray: RaySettings = Field(default_factory=RaySettings, description="Pengaturan engine: ray.")
    languages: list[Literal[DETECTABLE_LANGUAGES]] = Field(
        ["id"], min_length=1, description="Bahasa yang dianalisis (kode ISO 639-1): nada dan isu dinilai, dihitung dan "
                                          "diterbitkan hanya untuk unggahan berbahasa ini; yang lain hanya dihitung per bahasa.")
    javanese_marker_share: Annotated[float, Field(gt=0, le=1)] = Field(
        0.4, description="Unggahan yang dikenali berbahasa Jawa dihitung berbahasa Indonesia bila sekurangnya porsi ini "
                         "katanya penanda bahasa Indonesia (bahasa Jawa berbagi banyak kata dengan bahasa Indonesia).")
    marker_share: Annotated[float, Field(gt=0, le=1)] = Field(
        0.2, description="Sama, untuk bahasa lain yang dikenali (campur kode: kalimat Indonesia dengan kata asing).")
    duckdb_memory: Annotated[str, Field(pattern=r"^0*[1-9]\d*(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")] = Field(
        "1GB", description="Memori DuckDB (hampir-duplikat, laporan); lewat batas ini DuckDB menulis ke folder sementara.")


    @field_validator("languages")
    @classmethod
    def _once_each(cls, languages: list[str]) -> list[str]:
        if len(set(languages)) != len(languages):
            raise ValueError("setiap bahasa cukup sekali")
        return languages


def default(model: type[BaseModel], name: str):
    """A setting's default, for a function called without a config (tests, the file contracts): defined once, here."""
    field = model.model_fields[name]
    return field.default_factory() if field.default_factory else field.default


class ReportSettings(Strict):
    min_posts_for_share: Annotated[int, Field(ge=1)] = Field(30, description="Persentase dari kurang dari ini tidak ditampilkan.")
    alpha: Annotated[float, Field(gt=0, lt=0.5)] = Field(0.05, description="Taraf uji perubahan antarminggu (setelah koreksi Benjamini-Hochberg).")
    margin: Annotated[float, Field(gt=0, lt=0.5)] = Field(
        0.05, description="'Tidak berubah berarti' hanya bila interval 95% selisih dua pekan ada di dalam ± batas ini (0,05 = 5 poin).")
    top_issues: Annotated[int, Field(ge=1, le=20)] = Field(5, description="Jumlah isu teratas di laporan.")
    examples: Annotated[int, Field(ge=0, le=10)] = Field(3, description="Jumlah contoh unggahan akun publik.")
    trend_weeks: Annotated[int, Field(ge=2, le=104)] = Field(12, description="Pekan yang ditampilkan grafik tren.")


class ReviewSettings(Strict):
    audit_size: Annotated[int, Field(ge=0, le=5000)] = Field(
        200, description="Sampel audit per pekan: acak sederhana, hanya untuk memperkirakan porsi dan akurasi.")
    learning_size: Annotated[int, Field(ge=0, le=5000)] = Field(
        100, description="Sampel belajar per pekan: unggahan yang paling diragukan model, hanya untuk melatih ulang.")
    seed: int = Field(20241127, description="Benih undian sampel (pekan yang sama memberi sampel yang sama).")
    train_weeks: list[Annotated[str, Field(pattern=r"^\d{4}-W\d{2}$")]] = Field(
        default_factory=list, description="Pekan yang vonisnya dipakai `make train-sentiment` (kosong: semua; WEEKS=… menimpanya).")
    min_reviewed: Annotated[int, Field(ge=2)] = Field(
        2, description="Porsi nada semua unggahan diperkirakan dari tinjauan hanya bila sekurangnya sekian unggahan audit "
                       "sudah diberi vonis; kurang dari itu: hitungan model tanpa interval.")
    min_reviewed_for_issue: Annotated[int, Field(ge=2)] = Field(
        10, description="Porsi nada satu isu diperkirakan dari tinjauan hanya bila sekurangnya sekian unggahan audit menyebut isu itu.")


class CoordinationSettings(Strict):
    window_s: Annotated[int, Field(ge=1, le=86400)] = Field(
        600, description="Jendela waktu (detik): unggahan yang sama dari akun berbeda dalam jarak ini dianggap serentak (CooRTweet: 10 menit).")
    text_similarity: Annotated[float, Field(ge=0.5, le=0.9)] = Field(
        0.8, description="Kemiripan Jaccard minimum (MinHash, 5-gram karakter) untuk teks hampir sama.")
    min_text_chars: Annotated[int, Field(ge=1)] = Field(30, description="Teks yang lebih pendek tidak dibandingkan (\"setuju\" bukan jejak).")
    min_accounts: Annotated[int, Field(ge=2)] = Field(5, description="Akun berbeda paling sedikit dalam satu kelompok.")
    min_hashtags: Annotated[int, Field(ge=2)] = Field(
        2, description="Himpunan tagar dibandingkan hanya bila berisi sekian tagar atau lebih (satu tagar populer adalah topik, bukan jejak).")
    max_chance: Annotated[float, Field(gt=0, le=1)] = Field(
        0.01, description="Kelompok dilaporkan hanya bila peluangnya terjadi kebetulan (Poisson, dikoreksi Bonferroni) paling besar ini.")
    card_overlap: Annotated[float, Field(gt=0, le=1)] = Field(
        0.5, description="Dua kelompok (jejak teks, tautan, tagar) menjadi satu kartu bila sekurangnya porsi ini dari unggahan "
                         "kelompok yang lebih kecil sama.")


class MafindoSettings(Strict):
    key_env: str = Field("MAFINDO_API_KEY", description="Variabel lingkungan yang memuat kunci API Mafindo (Yudistira); tanpa kunci, klaim Mafindo tidak diambil.")
    url: str = Field("https://yudistira.turnbackhoax.id/api/antihoax/", description="Alamat API daftar berita Mafindo.")
    page_size: Annotated[int, Field(ge=1, le=500)] = Field(100, description="Klaim per permintaan.")
    max_pages: Annotated[int, Field(ge=1, le=1000)] = Field(5, description="Paling banyak sekian halaman per `make collect` (yang terbaru dulu).")


class HoaxSettings(Strict):
    file: Path | None = Field(
        None, description="Klaim yang sudah diklarifikasi, disunting tim sendiri (relatif terhadap folder proyek); kosong: "
                          "config/hoaxes.yaml di folder proyek, atau daftar bawaan Denyut bila tidak ada. Berkas yang "
                          "disebut tetapi tidak ada adalah galat.")
    threshold: Annotated[float, Field(gt=0, lt=1)] = Field(
        0.4, description="Kemiripan kosinus minimum (n-gram karakter 3-5, TF-IDF) agar unggahan dihitung menggemakan klaim (dipilih pada data berlabel di tests/analysis/hoaxes).")
    mafindo: MafindoSettings | None = Field(None, description="Ambil klaim yang dibantah dari basis data TurnBackHoax Mafindo.")


class AnomalySettings(Strict):
    weeks: Annotated[int, Field(ge=3, le=52)] = Field(8, description="Pekan-pekan sebelumnya yang menjadi patokan 'biasanya'.")
    min_weeks: Annotated[int, Field(ge=3)] = Field(4, description="Tanda tidak biasa hanya bila sekurangnya sekian pekan sebelumnya ada.")
    z: Annotated[float, Field(gt=0)] = Field(
        3.5, description="Jarak porsi volume isu dari median pekan sebelumnya, dalam sebaran robust (1,4826 × MAD), agar disebut tidak biasa (Iglewicz & Hoaglin), untuk satu isu; karena semua isu diperiksa tiap pekan, ambang dinaikkan (Bonferroni) agar peluang satu alarm palsu dalam sepekan tetap sebesar itu. Nada: seluruh interval 95%, dilebarkan dengan koreksi yang sama, harus di luar interval median pekan sebelumnya.")
    min_posts: Annotated[int, Field(ge=1)] = Field(20, description="Lonjakan volume isu yang lebih kecil dari ini tidak ditandai.")
    watch: list[str] = Field(["politik-uang"], description="Isu yang selalu diberi baris pantauan (politik uang: serangan fajar, amplop, bagi-bagi sembako).")


class ThemeSettings(Strict):
    min_posts: Annotated[int, Field(ge=2)] = Field(15, description="Tema baru dilaporkan bila sekurangnya berisi sekian unggahan.")
    max_clusters: Annotated[int, Field(ge=2, le=50)] = Field(
        12, description="Paling banyak sekian kelompok per pekan; banyaknya dipilih yang kelompok-kelompoknya paling terpisah (silhouette).")
    same_theme: Annotated[float, Field(gt=0, lt=1)] = Field(
        0.3, description="Kemiripan kosinus kata-kata utama agar tema pekan ini dianggap tema yang sama dengan pekan lalu.")
    shown: Annotated[int, Field(ge=0, le=20)] = Field(3, description="Tema terbesar yang disebut di laporan.")


REGION_CODE = r"^\d{2}(\.\d{2})?$"


class RegionSettings(Strict):
    focus: list[Annotated[str, Field(pattern=REGION_CODE)]] = Field(
        [], description="Situs satu wilayah (kode Kemendagri provinsi '33' atau kabupaten/kota '33.14'): hanya "
                        "unggahannya yang dihitung, audit ditarik dari unggahannya, namanya di judul. Kosong: seluruh negeri.")
    min_posts: Annotated[int, Field(ge=20)] = Field(
        150, description="Halaman provinsi dibuat bila provinsi itu punya sekurangnya sekian unggahan dalam sepekan.")
    min_posts_regency: Annotated[int, Field(ge=20)] = Field(
        60, description="Halaman kabupaten/kota dibuat bila punya sekurangnya sekian unggahan dalam sepekan.")
    max_interval: Annotated[float, Field(gt=0, le=1)] = Field(
        0.3, description="Porsi nada suatu wilayah tidak dicetak bila intervalnya lebih lebar dari ini (dikatakan dengan kata-kata).")
    transport_sd: Annotated[float, Field(ge=0, le=0.5)] = Field(
        0.04, description="Bila audit memuat terlalu sedikit unggahan wilayah itu: simpangan baku tambahan untuk anggapan "
                          "bahwa kesalahan model per kelas di wilayah itu sama dengan di seluruh audit.")


class Config(Strict):
    project: ProjectSettings = ProjectSettings()
    paths: PathSettings = PathSettings()
    pseudonym_key_env: str = Field("DENYUT_PSEUDONYM_KEY", description="Variabel lingkungan yang memuat kunci pseudonim (HMAC).")
    public_accounts: list[PublicAccount] = Field(default_factory=list, description="Akun resmi, partai, kandidat dan media yang namanya boleh ditampilkan.")
    sources: list[Source] = Field(default_factory=list, description="Sumber `make collect`: jsonl, snscrape-jsonl, csv, telegram, mastodon, bluesky, youtube, rss (lihat README).")
    http: HttpSettings = HttpSettings()
    collect: CollectSettings = CollectSettings()
    analysis: AnalysisSettings = AnalysisSettings()
    report: ReportSettings = ReportSettings()
    review: ReviewSettings = ReviewSettings()
    coordination: CoordinationSettings = CoordinationSettings()
    hoaxes: HoaxSettings = HoaxSettings()
    anomalies: AnomalySettings = AnomalySettings()
    themes: ThemeSettings = ThemeSettings()
    regions: RegionSettings = RegionSettings()

    # Set by load_config: where relative paths are resolved from.
    base_dir: Path = Field(project_paths.ROOT, exclude=True)
    _accounts: dict = PrivateAttr(default_factory=dict)

    @field_validator("sources")
    @classmethod
    def _unique_source_names(cls, sources: list) -> list:
        names = [s.name for s in sources]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"nama sumber harus unik; berulang: {', '.join(dupes)}")
        return sources

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else (self.base_dir / path)

    @property
    def data_dir(self) -> Path:
        return self.resolve(self.paths.data)

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def processed_dir(self) -> Path:
        return self.data_dir / "processed"

    @property
    def state_dir(self) -> Path:
        return self.data_dir / "state"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def review_dir(self) -> Path:
        return self.data_dir / "review"

    @property
    def reports_dir(self) -> Path:
        return self.resolve(self.paths.reports)

    @property
    def public_dir(self) -> Path:
        """The published site (`make publish`): approved weeks only, the folder to put online."""
        return self.resolve(self.paths.public)

    @property
    def preview_dir(self) -> Path:
        """The preview (`make site`): every reported week, drafts marked; never the published folder."""
        public = self.public_dir
        return public.with_name(f"{public.name}-pratinjau")

    @property
    def claims_dir(self) -> Path:
        return self.data_dir / "claims"

    @property
    def hoaxes_path(self) -> Path:
        return self.resolve(self.hoaxes.file) if self.hoaxes.file else self._default_file("hoaxes.yaml")

    @property
    def issues_path(self) -> Path:
        return self.resolve(self.analysis.issues_file) if self.analysis.issues_file else self._default_file("issues.yaml")

    def _default_file(self, name: str) -> Path:
        """A hand-kept file the config does not name: the project folder's config/<name>, or Denyut's own."""
        local = self.base_dir / "config" / name
        return local if local.is_file() else project_paths.DEFAULT_CONFIG.parent / name

    def pseudonym_key(self) -> bytes:
        key = os.environ.get(self.pseudonym_key_env, "")
        if len(key) < 16:
            raise ConfigError(
                f"Kunci pseudonim tidak ada atau terlalu pendek: set variabel lingkungan "
                f"{self.pseudonym_key_env} (minimal 16 karakter, rahasia, jangan disimpan di repositori), "
                f"misalnya: export {self.pseudonym_key_env}=$(python -c 'import secrets;print(secrets.token_hex(32))')"
            )
        return key.encode()

    @property
    def public_handles(self) -> set[str]:
        """The handles of the public accounts: what scrubbing leaves in a text."""
        return {a.handle for a in self.public_accounts}

    def public_account(self, platform: str, handle: str) -> PublicAccount | None:
        """One dict lookup (100,000 public accounts cost nothing per post); the first entry wins a repeat."""
        return self._accounts.get((platform.lower(), handle.lower().lstrip("@")))

    def model_post_init(self, context: object) -> None:
        accounts: dict[tuple[str, str], PublicAccount] = {}
        for account in self.public_accounts:
            accounts.setdefault((account.platform.lower(), account.handle.lower().lstrip("@")), account)
        self._accounts = accounts


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """Follow a pydantic error location through the composed YAML tree to the line of the key itself."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            key = next((k for k, _ in node.value if k.value == part), None)
            if key is None:
                tag = next((v.value for k, v in node.value if k.value == "type"), None)
                if part == tag:  # the discriminator of a union (sources: jsonl, csv, telegram, ...): no key of its own
                    continue
                return line
            node = next(v for k, v in node.value if k is key)
            line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


# pydantic's English, in the words of the rest of the messages
MESSAGES = {
    "string_type": "harus berupa teks", "int_type": "harus bilangan bulat", "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat, bukan pecahan", "float_type": "harus berupa angka",
    "float_parsing": "harus berupa angka", "bool_type": "harus true atau false", "bool_parsing": "harus true atau false",
    "list_type": "harus berupa daftar (- butir atau [a, b])", "dict_type": "harus berupa pemetaan kunci: nilai",
    "model_type": "harus berupa pemetaan kunci: nilai", "model_attributes_type": "harus berupa pemetaan kunci: nilai",
    "date_type": "harus tanggal (YYYY-MM-DD)", "date_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_from_datetime_parsing": "harus tanggal (YYYY-MM-DD)", "path_type": "harus jalur berkas",
    "union_tag_invalid": "jenis sumber tidak dikenal", "union_tag_not_found": "kunci 'type' wajib diisi",
}
LIMITS = {"greater_than": "harus lebih dari {gt}", "greater_than_equal": "minimal {ge}", "less_than": "harus kurang dari {lt}",
          "less_than_equal": "maksimal {le}", "too_short": "minimal {min_length} butir", "too_long": "maksimal {max_length} butir",
          "string_pattern_mismatch": "tidak sesuai pola {pattern}", "string_too_short": "minimal {min_length} karakter"}


def _key_name(loc: tuple, raw: dict) -> str:
    """'sources[berita].feeds.0.url' rather than pydantic's 'sources.3.rss.feeds.0.url'."""
    parts = [str(p) for p in loc]
    if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        entry = (raw.get("sources") or [None] * (loc[1] + 1))[loc[1]]
        entry = entry if isinstance(entry, dict) else {}
        rest = list(loc[2:])
        if rest and rest[0] == entry.get("type"):
            rest = rest[1:]
        parts = [f"sources[{entry.get('name', loc[1])}]"] + [str(p) for p in rest]
    return ".".join(parts)


def _shown(value: object) -> str:
    """A value as the error quotes it: at most 80 characters, whatever its size."""
    text = reprlib.repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _hint(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "extra_forbidden":
        return "kunci ini tidak dikenal: periksa ejaannya atau hapus (lihat docs/settings.md)"
    if kind == "missing":
        return "kunci ini wajib diisi"
    if kind == "literal_error":
        return f"nilai harus salah satu dari {ctx.get('expected', '')}"
    if kind == "union_tag_invalid":
        return f"jenis sumber tidak dikenal: {ctx.get('tag')!r}; pilih salah satu dari {ctx.get('expected_tags', '')}"
    if kind in LIMITS:
        return LIMITS[kind].format(**ctx)
    if kind in MESSAGES:
        return f"{MESSAGES[kind]} (tertulis: {_shown(error.get('input'))})"
    if kind == "value_error":  # our own validators already speak Indonesian
        return str(ctx.get("error", error["msg"]))
    return error["msg"]


MAX_YAML_BYTES = 32 * 1024 * 1024  # a config with 100,000 public accounts is about 9 MB


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases: a hand-kept file needs none, and a few nested aliases
    (a "billion laughs") expand to more than any memory holds."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent) or getattr(self.peek_event(), "anchor", None):
            mark = self.peek_event().start_mark
            raise yaml.constructor.ConstructorError(None, None, "anchor (&) dan alias (*) tidak diizinkan: tulis nilainya "
                                                    "langsung", mark)
        return super().compose_node(parent, index)


def read_yaml(path: Path, error: type[Exception] = ConfigError) -> tuple[yaml.Node | None, object]:
    """(composed tree, for line numbers; parsed value, {} when empty) of a hand-kept YAML file, read safely: a file
    over MAX_YAML_BYTES, bytes that are not UTF-8, anchors and aliases, bad YAML or a value YAML cannot build (a
    date like 2024-02-30) is one `error` naming the file and the line."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_YAML_BYTES:
        raise _yaml_error(error, path, None, f"berkas {size:,} byte, batasnya {MAX_YAML_BYTES:,}".replace(",", "."))
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise _yaml_error(error, path, line, f"bukan UTF-8 (byte 0x{data[exc.start]:02x} pada byte ke-{exc.start}): "
                                             "simpan sebagai UTF-8") from None
    loader = _NoAliasLoader(text)
    try:
        node = loader.get_single_node()
        _no_repeated_keys(node)
        value = loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise _yaml_error(error, path, None, "bersarang terlalu dalam (ratusan tingkat): bukan berkas yang ditulis tangan") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise _yaml_error(error, path, mark.line + 1 if mark else None,
                          f"YAML tidak valid: {getattr(exc, 'problem', None) or exc}") from None
    except ValueError as exc:  # YAML read the value as a date that does not exist
        raise _yaml_error(error, path, _bad_date_line(node),
                          f"tanggal yang tidak ada ({exc}): tulis tanggal yang benar, YYYY-MM-DD") from None
    finally:
        loader.dispose()
    return node, value if value is not None else {}


def _no_repeated_keys(node: yaml.Node | None) -> None:
    """A key written twice in one mapping: YAML would keep the last silently (a second `sources:` empties the first)."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"kunci {key.value!r} tertulis dua kali (pertama di baris {seen[key.value]})",
                            key.start_mark)
                    seen[key.value] = key.start_mark.line + 1
                stack += [key, value]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value


def _bad_date_line(node: yaml.Node | None) -> int | None:
    """The line of the first date-looking value that is no real date."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode) and current.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(current)
            except ValueError:
                return current.start_mark.line + 1
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(v for pair in current.value for v in pair)
    return None


def _yaml_error(error: type[Exception], path: Path, line: int | None, message: str) -> Exception:
    if error is ConfigError:
        return ConfigError(f"{path}{f', baris {line}' if line else ''}: {message}")
    return error(path, line, None, message)


def load_yaml(path: Path, model: type[BaseModel], what: str) -> BaseModel:
    """A hand-kept YAML file (not the config) read into `model`; errors name the file, line and key."""
    node, raw = read_yaml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{path}, baris {_line_of(node, tuple(e['loc']))}: '{'.'.join(map(str, e['loc']))}': {_hint(e)}"
                 for e in exc.errors()]
        raise ConfigError(f"{what} tidak valid:\n  " + "\n  ".join(lines)) from None


def load_config(path: Path | str | None = None) -> Config:
    path = Path(path) if path else project_paths.DEFAULT_CONFIG
    if not path.is_file():
        raise ConfigError(f"Berkas konfigurasi tidak ditemukan: {path}. Salin config/denyut.yaml, beri --config PATH, "
                          "atau jalankan dari folder proyek Denyut (set DENYUT_HOME ke folder itu bila Denyut dipasang "
                          "dengan `pip install .`).")
    node, raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: isi konfigurasi harus berupa pemetaan kunci: nilai")
    here = Path(os.path.abspath(path))  # the link's folder, not its target's: a linked config belongs where it is linked
    base = here.parent.parent if here.parent.name == "config" else here.parent
    try:
        config = Config.model_validate({**raw, "base_dir": base})
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            loc = tuple(error["loc"]) + (("type",) if error["type"].startswith("union_tag") else ())
            lines.append(f"{path}, baris {_line_of(node, loc)}: '{_key_name(loc, raw)}': {_hint(error)}")
        raise ConfigError("Konfigurasi tidak valid:\n  " + "\n  ".join(lines)) from None
    _check_paths(config, node, path)
    return config


def _check_paths(config: Config, node: yaml.Node | None, path: Path) -> None:
    """Every path the config names: relative ones from the project folder (the config's folder, or the folder
    above it when the config sits in a folder named config/), never climbing above /; every file it reads exists."""
    named = [(("paths", k), getattr(config.paths, k)) for k in ("data", "reports", "public")]
    named += [(("sources", i, "path"), s.path) for i, s in enumerate(config.sources) if isinstance(s, FileSource)]
    named += [(("analysis", "issues_file"), config.analysis.issues_file), (("hoaxes", "file"), config.hoaxes.file)]
    for loc, value in named:
        if value is not None and not value.is_absolute():
            climbs = os.path.normpath(value).split(os.sep).count("..")
            if climbs > len(config.base_dir.parts) - 1:
                raise ConfigError(f"{path}, baris {_line_of(node, loc)}: '{_key_name(loc, {})}': jalur {value} naik "
                                  f"{climbs} folder dari {config.base_dir}, melewati akar /")
    for i, source in enumerate(config.sources):
        if isinstance(source, FileSource) and not config.resolve(source.path).exists():
            line = _line_of(node, ("sources", i, "path"))
            raise ConfigError(f"{path}, baris {line}: 'sources[{source.name}].path': berkas tidak ditemukan: "
                              f"{config.resolve(source.path)}")
    for loc, file, what in ((("analysis", "issues_file"), config.issues_path, "taksonomi isu"),
                            (("hoaxes", "file"), config.hoaxes_path, "daftar klaim hoaks")):
        if not file.is_file():
            raise ConfigError(f"{path}, baris {_line_of(node, loc)}: '{'.'.join(loc)}': berkas {what} tidak ditemukan: "
                              f"{file} (jalur relatif dibaca dari {config.base_dir})")


def settings_table() -> list[tuple[str, str, str]]:
    """(name, default, help) for every documented setting, datasette-style."""
    rows = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            if name == "base_dir":
                continue
            key = f"{prefix}{name}"
            annotation = field.annotation
            if isinstance(annotation, type) and issubclass(annotation, Strict):
                walk(annotation, key + ".")
                continue
            if name == "type" and prefix.startswith("sources["):
                continue
            if field.is_required():
                shown = "(wajib)"
            else:
                default = field.get_default(call_default_factory=True)
                shown = str(default) if isinstance(default, (Path, date)) else repr(default)
            rows.append((key, shown, field.description or ""))

    walk(Config, "")
    for model in (FileSource, TelegramSource, MastodonSource, BlueskySource, YouTubeSource, RssSource):
        kind = model.model_fields["type"].annotation.__args__
        walk(model, f"sources[type={'|'.join(kind)}].")
    return rows
