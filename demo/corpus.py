"""Template bank of the synthetic demo corpus: issues × sentiment, in social-media Indonesian (every issue of
config/issues.yaml has templates: the election body's own topics, the candidates and campaign, the policies debated).

Every sentence here was written for the demo; no real post is quoted. Slots:
{paslon} candidate pair, {daerah} a fictional region, {tps} a polling station
number, {n} a small number, {tgl} a day of the month.
"""

PASLON = ["paslon 01", "paslon 02", "paslon 03", "pasangan nomor urut 1", "pasangan nomor 2", "calon nomor 3"]
DAERAH = ["Kota Nusantara", "Kab. Sukamaju", "Kab. Tanah Merah", "Kota Bahari", "Kab. Lembah Hijau",
          "Kec. Sumber Rejo", "Kota Pelabuhan", "Kab. Gunung Sari", "Desa Mekarsari", "Kel. Kampung Baru"]

# issue -> sentiment -> templates. Negative ones include sarcasm where people write it.
TEMPLATES: dict[str, dict[str, list[str]]] = {
    "daftar-pemilih": {
        "positive": [
            "Alhamdulillah nama saya sudah terdaftar di DPT, cek dpt online cepat dan gampang banget",
            "Salut sama petugas pantarlih di {daerah}, daftar pemilih rapi dan akurat",
            "Proses pindah memilih di {daerah} lancar, formulir A5 beres sehari. mantap",
            "Cek DPT sekarang gampang, tinggal masukin NIK langsung keluar TPS nya. keren",
        ],
        "negative": [
            "Kecewa berat, nama saya tidak terdaftar di DPT padahal sudah lapor dari bulan lalu",
            "Parah, di {daerah} banyak pemilih ganda dan pemilih fiktif di daftar pemilih. gimana sih",
            "Almarhum kakek saya masih masuk DPT, ini daftar pemilih diurus gak sih",
            "Wah hebat sekali, satu rumah kami terdaftar di tiga TPS berbeda. daftar pemilih kacau",
            "Ribet banget ngurus pindah memilih, bolak balik kantor tetap belum terdaftar",
        ],
        "neutral": [
            "Cara cek DPT: buka situs KPU lalu masukkan NIK sesuai KTP",
            "Batas akhir pengajuan pindah memilih tanggal {tgl} ya, siapkan formulir A5",
            "DPT di {daerah} tercatat sekitar {n} ribu pemilih menurut data terbaru",
        ],
    },
    "logistik": {
        "positive": [
            "Distribusi logistik ke TPS {tps} di {daerah} tepat waktu, surat suara lengkap. good job",
            "Kotak suara dan bilik suara sudah siap semua, petugas sigap sekali",
            "Surat suara sampai ke pulau terluar {daerah} dengan aman, salut untuk petugas logistik",
            "Logistik pilkada di {daerah} lancar jaya, tidak ada kendala",
        ],
        "negative": [
            "Surat suara di TPS {tps} {daerah} telat datang, pemilih nunggu berjam-jam. parah",
            "Kotak suara rusak dan basah kena hujan, logistik ini kok asal asalan",
            "Mantap sekali logistiknya, surat suara kurang {n} lembar lagi di TPS kami 👏",
            "Tinta tidak ada di TPS {tps}, logistik kacau balau, kecewa",
            "Surat suara tertukar antar daerah di {daerah}, kerja apa ini",
            "Distribusi logistik ke TPS lambat sekali, bilik suara belum datang sampai siang",
        ],
        "neutral": [
            "Surat suara untuk {daerah} dijadwalkan tiba di gudang tanggal {tgl}",
            "Pelipatan surat suara di gudang logistik {daerah} dimulai minggu ini",
            "Jumlah surat suara yang dicetak sesuai DPT ditambah cadangan dua persen",
        ],
    },
    "politik-uang": {
        "positive": [
            "Bagus, Bawaslu {daerah} berhasil tangkap pelaku politik uang. terus tegakkan",
            "Warga {daerah} kompak tolak amplop, salut. pilih berdasarkan program",
            "Senang lihat anak muda kampanye anti politik uang di kampus",
        ],
        "negative": [
            "Serangan fajar masih marak di {daerah}, amplop dibagi bagi semalam. menyedihkan",
            "Politik uang makin parah, suara dibeli seratus ribu. miris",
            "Tim {paslon} bagi bagi sembako dan uang di kampung kami, ini jelas politik uang",
            "Kesel liat tetangga nerima amplop terus bilang wani piro, demokrasi kita rusak",
        ],
        "neutral": [
            "Laporkan dugaan politik uang ke Bawaslu dengan bukti foto atau video",
            "Sanksi pidana politik uang diatur dalam undang undang pilkada",
            "Diskusi soal serangan fajar di balai desa {daerah} nanti malam",
        ],
    },
    "hoaks": {
        "positive": [
            "Terima kasih tim cek fakta, hoaks soal surat suara langsung diluruskan",
            "Bagus nih kanal cek fakta KPU, informatif dan cepat membantah hoaks",
            "Salut buat relawan literasi digital di {daerah} yang rajin lawan hoaks",
        ],
        "negative": [
            "Grup WA keluarga penuh hoaks pilkada, capek banget ngeluruskannya",
            "Hoaks dan fitnah makin liar jelang pencoblosan, parah",
            "Berita bohong soal {paslon} disebar akun akun anonim, jahat banget",
            "Video deepfake kandidat beredar lagi, ngeri dan menyesatkan",
        ],
        "neutral": [
            "Cek fakta dulu sebelum membagikan informasi soal pilkada",
            "Kominfo mencatat {n} konten hoaks pemilu sepanjang bulan ini",
            "Apa bedanya misinformasi dan disinformasi? ini penjelasannya",
        ],
    },
    "netralitas": {
        "positive": [
            "Bagus, ASN di {daerah} tegas menjaga netralitas, tidak ikut kampanye",
            "Polri dan TNI di {daerah} netral dan profesional, patut diapresiasi",
            "Kades di desa kami netral, semua paslon diberi ruang yang sama. mantap",
        ],
        "negative": [
            "Kepala desa di {daerah} terang terangan mengarahkan warga dukung {paslon}, tidak netral",
            "ASN ikut kampanye {paslon} pakai seragam, netralitas cuma slogan",
            "Aparat tidak netral, intimidasi relawan lawan. kecewa sekali",
            "Wah netral banget ya pak camat, fotonya pose jari dua sama paslon 🙃",
        ],
        "neutral": [
            "Bawaslu menerima {n} laporan dugaan pelanggaran netralitas ASN",
            "Aturan netralitas ASN melarang foto bersama calon dengan pose dukungan",
            "Sosialisasi netralitas ASN digelar di kantor bupati {daerah}",
        ],
    },
    "kampanye-dana": {
        "positive": [
            "Kampanye {paslon} di {daerah} tertib dan kreatif, suka banget",
            "Debat paslon semalam bagus, programnya jelas dan masuk akal",
            "Laporan dana kampanye diumumkan terbuka, transparan. bagus",
            "Kampanye dialogis di pasar {daerah} seru, warga bisa tanya langsung",
        ],
        "negative": [
            "Baliho kampanye dipasang di pohon dan tiang listrik, merusak pemandangan. jorok",
            "Dana kampanye {paslon} tidak jelas sumbernya, laporannya asal",
            "Kampanye bikin macet total di {daerah}, knalpot brong pula. ganggu banget",
            "Debat paslon membosankan, cuma saling serang tanpa program",
        ],
        "neutral": [
            "Jadwal kampanye rapat umum di {daerah} hari Sabtu pukul 09.00",
            "Masa kampanye pilkada berakhir tanggal 23, lalu masa tenang",
            "Batas laporan dana kampanye (LADK) diserahkan ke KPU minggu depan",
            "Debat publik kedua digelar di {daerah} dengan tema ekonomi",
        ],
    },
    "kampanye-acara": {
        "positive": [
            "Kampanye {paslon} di {daerah} tertib dan kreatif, suka banget",
            "Debat paslon semalam bagus, programnya jelas dan masuk akal",
            "Kampanye dialogis di pasar {daerah} seru, warga bisa tanya langsung",
        ],
        "negative": [
            "Kampanye bikin macet total di {daerah}, knalpot brong pula. ganggu banget",
            "Debat paslon membosankan, cuma saling serang tanpa program",
            "Visi misi {paslon} cuma janji manis, tidak ada yang baru",
        ],
        "neutral": [
            "Debat publik kedua digelar di {daerah} dengan tema ekonomi",
            "Relawan {paslon} buka posko pemenangan di tiap kecamatan {daerah}",
        ],
    },
    "kandidat": {
        "positive": [
            "Bismillah pilih {paslon}, rekam jejaknya jelas dan merakyat",
            "Dukung penuh {paslon}, orangnya santun dan tidak pernah serang lawan",
            "#Coblos02 sampai menang, semoga amanah 💪",
        ],
        "negative": [
            "Elektabilitas {paslon} turun terus, pencitraan doang ketahuan",
            "Rekam jejak {paslon} tidak jelas, kok bisa diusung partai besar",
            "Semua kandidat mirip, pilihan yang sulit. sedih",
        ],
        "neutral": [
            "Survei terbaru: elektabilitas tiga paslon di {daerah} masih ketat",
            "Partai di {daerah} umumkan koalisi pengusung {paslon}",
        ],
    },
    "rekapitulasi": {
        "positive": [
            "Rekapitulasi di kecamatan lancar dan terbuka, saksi semua paslon hadir. bagus",
            "Sirekap sekarang cepat dan datanya cocok dengan C1 di TPS kami",
            "Penghitungan suara di TPS {tps} transparan, warga ikut nonton. keren",
        ],
        "negative": [
            "Sirekap error lagi, angka di aplikasi beda jauh dengan formulir C1. kacau",
            "Penghitungan suara di TPS {tps} molor sampai subuh, petugas kelelahan. parah",
            "Ada dugaan penggelembungan suara saat rekapitulasi di {daerah}, curang",
            "Hebat, Sirekap bisa bikin suara satu TPS jadi ribuan 🙃 canggih sekali",
        ],
        "neutral": [
            "Rekapitulasi tingkat kabupaten {daerah} dijadwalkan mulai tanggal {tgl}",
            "Hasil hitung cepat bukan hasil resmi, tunggu rekapitulasi KPU",
            "Foto formulir C hasil diunggah ke Sirekap oleh KPPS",
        ],
    },
    "pencalonan": {
        "positive": [
            "Senang ada calon muda berkualitas yang lolos verifikasi di {daerah}",
            "Pendaftaran calon berjalan tertib, semua berkas paslon lengkap",
            "Bagus KPU tegas, calon yang tidak memenuhi syarat langsung dinyatakan tidak lolos",
        ],
        "negative": [
            "Calon tunggal lagi di {daerah}, rakyat dipaksa pilih kotak kosong. sedih",
            "Syarat usia calon diubah mendadak, akal akalan demi satu orang. kecewa",
            "Paslon bermasalah hukum kok bisa lolos verifikasi, aneh",
        ],
        "neutral": [
            "Penetapan paslon pilkada {daerah} dijadwalkan tanggal {tgl}",
            "Ada {n} bakal calon yang mendaftar ke KPU {daerah}",
            "Syarat pencalonan kepala daerah diatur dalam peraturan KPU",
        ],
    },
    "partisipasi": {
        "positive": [
            "Ayo ke TPS tanggal 27! jangan golput, satu suara menentukan 💪",
            "Pemilih pemula di kampus semangat banget mau nyoblos pertama kali. keren",
            "Bangga partisipasi pemilih di {daerah} naik, warga antusias",
        ],
        "negative": [
            "Males nyoblos, calonnya gitu gitu aja. mending golput",
            "Kecewa sama semua paslon, kayaknya tidak memilih tahun ini",
            "Partisipasi pemilih di {daerah} anjlok, warga apatis. menyedihkan",
        ],
        "neutral": [
            "TPS dibuka pukul 07.00 sampai 13.00 WIB, bawa KTP dan undangan",
            "Target partisipasi pemilih pilkada {daerah} tahun ini {n} persen",
            "Pemilih pemula di {daerah} tercatat sekitar {n} ribu orang",
        ],
    },
    "integritas-penyelenggara": {
        "positive": [
            "Salut sama KPPS TPS {tps}, kerja keras dan teliti sampai malam",
            "KPU {daerah} transparan dan profesional, semua data dibuka ke publik",
            "Bawaslu kerja bagus, laporan warga ditindak cepat",
        ],
        "negative": [
            "KPU tidak becus, data berubah ubah terus. tidak profesional",
            "Petugas KPPS diduga curang, surat suara sisa dicoblos. harus diusut",
            "Bawaslu diam saja lihat pelanggaran, integritas dipertanyakan",
            "Anggota KPU {daerah} kena sanksi DKPP karena langgar etik, memalukan",
        ],
        "neutral": [
            "DKPP menggelar sidang kode etik penyelenggara pemilu {daerah} hari ini",
            "Rekrutmen KPPS untuk pilkada dibuka sampai tanggal {tgl}",
            "Bawaslu {daerah} membentuk {n} posko pengaduan",
        ],
    },
    "keamanan": {
        "positive": [
            "Situasi {daerah} aman dan kondusif jelang pencoblosan, terima kasih aparat",
            "Pengamanan TPS di {daerah} bagus, warga merasa tenang",
        ],
        "negative": [
            "Ricuh di kantor KPU {daerah}, massa bentrok dengan aparat. ngeri",
            "Relawan {paslon} dapat ancaman dan intimidasi, takut sekali",
            "Ada pembakaran kotak suara di {daerah}, keamanan lemah",
        ],
        "neutral": [
            "Polisi menyiagakan {n} personel pengamanan TPS di {daerah}",
            "Apel pengamanan pilkada digelar di alun alun {daerah}",
        ],
    },
    "inklusi": {
        "positive": [
            "TPS {tps} ramah disabilitas, ada jalur kursi roda dan template braille. keren",
            "Petugas bantu lansia dan pemilih disabilitas dengan sabar, terharu",
            "Debat paslon pakai juru bahasa isyarat, inklusif. bagus sekali",
        ],
        "negative": [
            "TPS di lantai dua, pemilih kursi roda tidak bisa naik. tidak ramah disabilitas",
            "Template braille tidak tersedia di TPS {tps}, tuna netra kesulitan. kecewa",
            "Lansia di {daerah} tidak dapat pendampingan, terpaksa pulang tanpa memilih",
        ],
        "neutral": [
            "Pemilih disabilitas di {daerah} tercatat {n} orang",
            "KPU menyiapkan template braille untuk pemilih tuna netra",
        ],
    },
    "data-pribadi": {
        "positive": [
            "Bagus, sistem data pemilih sekarang pakai enkripsi, lebih aman",
            "Tim keamanan siber berhasil tangkis serangan ddos ke situs KPU. mantap",
        ],
        "negative": [
            "Data pribadi jutaan pemilih diduga bocor dan dijual di forum, ngeri banget",
            "NIK saya dicatut jadi anggota partai tanpa izin, data pribadi tidak aman",
            "Situs KPU diretas lagi, keamanan siber kita lemah. memalukan",
        ],
        "neutral": [
            "UU PDP mengatur perlindungan data pribadi pemilih",
            "Cara cek apakah NIK kamu dicatut partai politik, baca utas ini",
        ],
    },
    "sengketa-hasil": {
        "positive": [
            "Bagus paslon yang kalah menempuh jalur MK, bukan turun ke jalan",
            "Putusan MK soal sengketa {daerah} jelas dan adil, semua pihak terima",
        ],
        "negative": [
            "PSU lagi di {daerah}, buang anggaran karena penyelenggara teledor. kesal",
            "Sengketa hasil berlarut larut, warga jadi korban ketidakpastian",
        ],
        "neutral": [
            "Permohonan sengketa hasil pilkada diajukan ke MK paling lambat tiga hari kerja",
            "MK menerima {n} gugatan perselisihan hasil pilkada",
        ],
    },
    "makan-gratis": {
        "positive": ["Anak anak di {daerah} senang dapat makan bergizi gratis di sekolah, lahap semua"],
        "negative": ["Makan siang gratis di sekolah {daerah} sering telat dan nasinya dingin. evaluasi dong",
                     "Anggaran makan gratis besar sekali, duitnya dari mana"],
        "neutral": ["Program makan bergizi gratis di {daerah} mulai minggu depan untuk {n} sekolah"],
    },
    "ikn": {
        "positive": ["Pembangunan IKN bisa jadi pemerataan, semoga warga lokal ikut menikmati"],
        "negative": ["IKN proyek mercusuar, rakyat di {daerah} butuhnya jalan desa dulu"],
        "neutral": ["{paslon} ditanya soal kelanjutan IKN dalam diskusi publik"],
    },
    "harga-pangan": {
        "positive": ["Alhamdulillah harga beras di pasar {daerah} mulai turun"],
        "negative": ["Harga beras naik terus, emak emak di {daerah} pusing belanja",
                     "Minyak goreng langka lagi di {daerah}, antri panjang. parah"],
        "neutral": ["Operasi pasar beras murah digelar di {daerah} tanggal {tgl}"],
    },
    "bansos": {
        "positive": ["Bansos di {daerah} akhirnya tepat sasaran, tetangga yang miskin dapat"],
        "negative": ["Bansos dibagi pas musim kampanye, kebetulan sekali 🙃",
                     "BLT di desa kami malah dapat keluarga perangkat desa. kecewa"],
        "neutral": ["Pencairan bantuan sosial tahap {n} di {daerah} mulai tanggal {tgl}"],
    },
    "lapangan-kerja": {
        "positive": ["Pabrik baru di {daerah} buka lapangan kerja untuk {n} ratus warga, alhamdulillah"],
        "negative": ["Pengangguran anak muda di {daerah} tinggi, janji lapangan kerja mana",
                     "PHK lagi di pabrik tekstil {daerah}, buruh dirumahkan. sedih"],
        "neutral": ["Upah minimum {daerah} tahun depan diumumkan tanggal {tgl}"],
    },
    "pendidikan": {
        "positive": ["Sekolah gratis sampai SMA di {daerah} sangat membantu, terima kasih"],
        "negative": ["Guru honorer di {daerah} digaji 300 ribu sebulan, kapan diperhatikan",
                     "UKT naik gila gilaan, anak petani susah kuliah. kecewa"],
        "neutral": ["Pendaftaran beasiswa daerah {daerah} dibuka sampai tanggal {tgl}"],
    },
    "kesehatan": {
        "positive": ["Puskesmas baru di {daerah} bagus dan dokternya ramah"],
        "negative": ["Antri BPJS di RSUD {daerah} dari subuh, ribet banget",
                     "Angka stunting di {daerah} masih tinggi, program ganti nama terus"],
        "neutral": ["Layanan kesehatan keliling ke desa desa {daerah} mulai bulan depan"],
    },
    "korupsi": {
        "positive": ["Bagus, KPK tangkap pejabat {daerah} yang korupsi dana hibah"],
        "negative": ["Dinasti politik di {daerah} makin parah, bapak anak gantian jadi bupati",
                     "Korupsi dana desa di {daerah} lagi, muak"],
        "neutral": ["KPK periksa {n} saksi kasus korupsi proyek jalan di {daerah}"],
    },
    "pertahanan": {
        "positive": ["Modernisasi alutsista penting untuk jaga kedaulatan negara"],
        "negative": ["Beli pesawat tempur bekas pakai utang, pertahanan kita kok begini"],
        "neutral": ["Tema debat berikutnya pertahanan dan politik luar negeri"],
    },
    "ekonomi": {
        "positive": ["UMKM di {daerah} mulai bangkit, pasar ramai lagi"],
        "negative": ["Utang negara makin besar, pajak rakyat kecil dikejar terus",
                     "PPN naik, kelas menengah di {daerah} makin tercekik"],
        "neutral": ["Pertumbuhan ekonomi {daerah} tercatat {n} persen tahun ini"],
    },
    "lingkungan": {
        "positive": ["Warga {daerah} tanam seribu pohon untuk lawan krisis iklim, keren"],
        "negative": ["Tambang ilegal di {daerah} bikin sungai tercemar, nelayan susah"],
        "neutral": ["Diskusi transisi energi bersama warga {daerah} digelar besok"],
    },
    "infrastruktur": {
        "positive": ["Akhirnya jalan desa di {daerah} diaspal, terima kasih"],
        "negative": ["Jalan di {daerah} rusak parah bertahun tahun, janji diaspal terus",
                     "Jembatan di {daerah} putus sudah setahun, anak anak nyebrang sungai"],
        "neutral": ["Pembangunan jembatan penghubung {daerah} dimulai tanggal {tgl}"],
    },
}

# kampanye-dana's templates about campaign events and debates rather than campaign rules and finance: drawn with
# kampanye-dana's weight (so the demo's random draws stay those of taxonomy version 1), their truth is the issue
# that holds them since version 2.
MOVED = {template: "kampanye-acara" for by in TEMPLATES["kampanye-acara"].values() for template in by
         if any(template in by_dana for by_dana in TEMPLATES["kampanye-dana"].values())}

OPENERS = ["", "", "", "", "Jujur ya, ", "Gila sih, ", "Btw ", "Info: ", "Sumpah ", "Guys, ", "Menurutku ",
           "Hmm ", "Kabar dari {daerah}: ", "Honestly, ", "Update: "]
CLOSERS = ["", "", "", "", " gimana menurut kalian?", " cmiiw", " semoga pilkada damai", " fyi aja",
           " literally begitu adanya", " so far itu yg aku lihat", " #KawalPilkada"]
HASHTAGS = ["#Pilkada2024", "#PilkadaDamai", "#KawalPilkada", "#AyoMemilih", "#PemiluJurdil", "#CekFakta"]
EMOJI = {"positive": ["👍", "🙏", "💪", "😊", "🔥", "👏"], "negative": ["😡", "😤", "🤦", "😞", "💔", "😠"],
         "neutral": ["📌", "🗳️", "ℹ️", "📢", ""]}

# formal -> the spellings people actually type
SLANG = {
    "tidak": ["gak", "ga", "nggak", "tdk", "enggak"], "sudah": ["udah", "udh", "sdh"], "banget": ["bgt", "bngt"],
    "yang": ["yg"], "saya": ["aku", "gue", "sy"], "sekali": ["bgt", "banget"], "karena": ["krn", "karna"],
    "dengan": ["dgn", "sama"], "sama": ["sm"], "aja": ["aj"], "untuk": ["utk", "buat"], "kalau": ["kalo", "klo"],
    "bagaimana": ["gimana", "gmn"], "tetap": ["tetep"], "lihat": ["liat"], "sedang": ["lagi", "lg"],
    "benar": ["bener"], "mau": ["mo"], "terima kasih": ["makasih", "trims", "thx"], "lagi": ["lg"],
    "padahal": ["pdhl"], "semua": ["smua"], "juga": ["jg"], "belum": ["blm"], "bisa": ["bs"],
}

ENGLISH = [
    "Voter turnout in {daerah} looks strong this year, great to see people engaged",
    "The ballot delivery was delayed again, really disappointing logistics",
    "Just voted! The polling station staff were friendly and efficient",
    "Worried about disinformation spreading on WhatsApp before the local election",
    "Vote counting is ongoing, official results will come from the election commission",
]
REGIONAL = [
    "Ayo podo nyoblos tanggal 27, ojo golput lur",
    "Surat suarane durung teko nang TPS, piye iki",
    "Hayu urang milih, ulah golput nya baraya",
    "Matur nuwun petugas KPPS sing wis kerja keras",
]

# A copy-paste campaign: one message, small variations, ~30 fresh accounts, one evening.
CAMPAIGN = {
    "week": "2024-W45",
    "accounts": 30,
    "text": "{paslon_c} terbukti bersih dan merakyat, jangan percaya fitnah lawan! Pilih yang pasti pasti aja #NusantaraMaju #Pilkada2024",
    "paslon": "Paslon 02",
    "variants": ["", " 🔥", " 💯", "!!", " ✅✅", " 👍"],
}

# A story the taxonomy does not know: floods reaching polling stations in the last two weeks.
EMERGING = {
    "weeks": ["2024-W47", "2024-W48"],
    "count": 60,
    "texts": [
        "Banjir rob masuk ke {daerah}, warga khawatir tps kebanjiran pas hari H",
        "Hujan deras semalam, lokasi tps di {daerah} tergenang banjir setinggi lutut",
        "Petugas mulai memindahkan tps yang kebanjiran di {daerah} ke balai warga",
        "Kalau banjir belum surut, warga {daerah} bingung mau nyoblos di mana",
        "Air banjir merendam tenda tps di {daerah}, dokumen pemilu diamankan ke tempat tinggi",
        "Warga {daerah} gotong royong bersihkan lumpur banjir di lokasi tps",
    ],
}

# Echoes of two debunked claims (config/hoaxes.yaml holds the official clarifications).
HOAXES = {
    "surat-suara-tercoblos": {
        "weeks": ["2024-W44", "2024-W45", "2024-W46", "2024-W47"],
        "count": 44,
        "texts": [
            "Viral! surat suara sudah dicoblos duluan untuk {paslon} di gudang {daerah}, sebarkan sebelum dihapus",
            "Katanya ribuan surat suara sudah tercoblos di gudang logistik {daerah}. bener gak sih?",
            "Awas, surat suara sudah dicoblos sebelum hari H di {daerah}, info dari grup sebelah",
        ],
    },
    "server-sirekap-luar-negeri": {
        "weeks": ["2024-W48"],
        "count": 32,
        "texts": [
            "Server Sirekap diatur dari luar negeri untuk menangkan {paslon}, makanya angkanya aneh",
            "Bocor! server Sirekap ada di luar negeri dan dikendalikan asing, hasil sudah diatur",
        ],
    },
}

# Personal data that must never reach the site.
PII_SNIPPETS = [
    "hubungi 0812-3456-7890 buat info", "WA aja ke +62 813 2222 4444", "kontak relawan: 0857 1111 2233",
    "email ke relawan.sukamaju@mailcontoh.id", "kirim bukti ke lapor.warga@mailcontoh.id",
    "NIK saya 3271046504870002 dicatut", "no hp 081398765432",
]

PUBLIC_ACCOUNTS = [
    # (platform, handle, display name, kind) — fictional bodies and outlets
    ("x", "kpu_kotanusantara", "KPU Kota Nusantara", "penyelenggara"),
    ("x", "bawaslu_nusantara", "Bawaslu Kota Nusantara", "penyelenggara"),
    ("x", "wartapemilu_id", "Warta Pemilu", "media"),
    ("telegram", "kabardaerah", "Kabar Daerah", "media"),
    ("youtube", "kanalpilkadanews", "Kanal Pilkada News", "media"),
]

HOSTILE = ("Awas tautan palsu soal hoaks surat suara: <script>window.__denyut_pwned=1</script> "
           "<img src=x onerror=\"window.__denyut_pwned=1\"> [klik di sini](javascript:alert(1)) **tebal** {{{{ config }}}} "
           "{{% raw %}} #dicatut " + "x" * 220)

PUBLIC_TEMPLATES = {
    "penyelenggara": [
        ("neutral", "rekapitulasi", "Rekapitulasi suara tingkat kecamatan di {daerah} dimulai hari ini. Masyarakat dapat memantau di Sirekap."),
        ("neutral", "daftar-pemilih", "Pastikan namamu terdaftar di DPT. Cek DPT online dengan NIK sebelum tanggal {tgl}."),
        ("positive", "logistik", "Distribusi logistik ke seluruh TPS di {daerah} sudah selesai 100 persen. Terima kasih petugas!"),
        ("neutral", "politik-uang", "Tolak politik uang! Laporkan ke posko pengaduan Bawaslu, {pii}"),
        ("neutral", "hoaks", "Cek fakta: kabar surat suara sudah tercoblos di gudang adalah hoaks. Surat suara disegel dan diawasi."),
        ("positive", "inklusi", "TPS ramah disabilitas: kami sediakan template braille dan jalur kursi roda di {daerah}."),
    ],
    "media": [
        ("negative", "logistik", "Surat suara di {n} TPS {daerah} terlambat datang, pemilih kecewa menunggu berjam-jam."),
        ("neutral", "kampanye-acara", "Debat publik paslon pilkada {daerah} digelar malam ini, simak siarannya. Redaksi: {pii}"),
        ("negative", "netralitas", "Bawaslu temukan kepala desa di {daerah} tidak netral, mengarahkan warga memilih salah satu paslon."),
        ("positive", "partisipasi", "Antusiasme warga {daerah} tinggi, antrean di TPS sejak pagi. Partisipasi diperkirakan naik."),
        ("negative", "data-pribadi", "Data pribadi pemilih diduga bocor, pakar minta KPU perkuat keamanan siber. Tanggapan @{mention}?"),
        ("neutral", "sengketa-hasil", "MK mulai menerima permohonan sengketa hasil pilkada, {n} daerah sudah mengajukan."),
        # Text that must stay inert on the site: markup, script, Markdown and Jinja syntax, a very long word.
        ("negative", "hoaks", HOSTILE),
    ],
}

# Regional conversations (issue 29's regional pages). Two provinces are talked about every week, more as the vote
# nears: ordinary posts (the same ids, accounts, moments, issues and tones; drawn by their own random stream) whose
# text names a place of the province, or whose export carries a profile location there (X's `location` key).
# "places" take the place of a fictional {daerah} in a post (a Kec./Desa/Kel. keeps its name: "Desa Mekarsari,
# Sragen"); a post that names none gets one of the "markers" (at its start, or a hashtag at its end). Each comes with
# the regency or city it names ("" when it names the province only: "Semarang" is both a kabupaten and a kota).
REGIONS = {
    "33": {
        "name": "Jawa Tengah",
        "weekly": {"2024-W39": 60, "2024-W40": 70, "2024-W41": 80, "2024-W42": 90, "2024-W43": 100, "2024-W44": 120,
                   "2024-W45": 150, "2024-W46": 155, "2024-W47": 160, "2024-W48": 165},
        "places": [("Jawa Tengah", ""), ("Jateng", ""), ("Semarang", ""), ("Kota Semarang", "33.74"), ("Sragen", "33.14"),
                   ("Kab. Sragen", "33.14"), ("Banyumas", "33.02"), ("Kabupaten Semarang", "33.22"), ("Kota Magelang", "33.71"),
                   ("Klaten", "33.10"), ("Boyolali", "33.09"), ("Grobogan", "33.15"), ("Wonogiri", "33.12"), ("Demak", "33.21"),
                   ("Cilacap", "33.01"), ("Kota Surakarta", "33.72")],
        "markers": [("start", "Warga Sragen nih. ", "33.14"), ("start", "Dari Semarang: ", ""), ("start", "Update Jateng: ", ""),
                    ("start", "Warga Solo bilang ", "33.72"), ("start", "Kabar dari Boyolali: ", "33.09"),
                    ("end", "#PilkadaJateng", ""), ("end", "#PilgubJateng", ""), ("end", "#PilkadaSemarang", ""),
                    ("end", "#PilkadaKlaten", "33.10"), ("end", "#JatengMemilih", "")],
        "locations": [("Semarang, Jawa Tengah", ""), ("Sragen", "33.14"), ("Solo, Indonesia", "33.72"), ("Jateng", ""),
                      ("Kota Semarang", "33.74"), ("Klaten, Jateng", "33.10"), ("Banyumas 🌾", "33.02")],
    },
    "18": {
        "name": "Lampung",
        "weekly": {"2024-W39": 50, "2024-W40": 55, "2024-W41": 60, "2024-W42": 70, "2024-W43": 80, "2024-W44": 100,
                   "2024-W45": 150, "2024-W46": 150, "2024-W47": 155, "2024-W48": 160},
        "places": [("Lampung", ""), ("Bandar Lampung", "18.71"), ("Kota Metro", "18.72"), ("Pringsewu", "18.10"),
                   ("Lampung Selatan", "18.01"), ("Lamsel", "18.01"), ("Lampung Tengah", "18.02"), ("Lampung Timur", "18.07"),
                   ("Tanggamus", "18.06"), ("Pesawaran", "18.09"), ("Way Kanan", "18.08"), ("Tulang Bawang", "18.05"),
                   ("Mesuji", "18.11")],
        "markers": [("start", "Dari Bandar Lampung: ", "18.71"), ("start", "Warga Pringsewu nih. ", "18.10"),
                    ("start", "Update Lampung: ", ""), ("start", "Warga Metro: ", "18.72"),
                    ("end", "#PilkadaLampung", ""), ("end", "#PilgubLampung", ""), ("end", "#BandarLampung", "18.71"),
                    ("end", "#PilkadaLamsel", "18.01")],
        "locations": [("Bandar Lampung", "18.71"), ("Lampung, Indonesia", ""), ("Metro, Lampung", "18.72"),
                      ("Pringsewu", "18.10"), ("Lampung Selatan", "18.01"), ("Bumi Ruwa Jurai", "")],
    },
}
REGION_LOCATION_SHARE = 0.3  # of an X post in the stream: the profile's location names the place, the text does not
# Profile locations that name no place, on some other X posts (most profiles say nothing, or nothing useful).
NO_PLACE_LOCATIONS = ["Indonesia", "Bumi", "NKRI 🇮🇩", "di hatimu", "Planet Bumi", "rumah", "dunia maya"]
NO_PLACE_SHARE = 0.08

# One regency's own story in the last week: a disputed recount in Kabupaten Brebes after the 27 November vote, mostly
# angry. New posts (not in the general chatter), all naming Brebes, tagged rekapitulasi only.
LOCAL_EVENT = {
    "week": "2024-W48",
    "province": "33",
    "regency": "33.29",
    "count": 72,
    "negative": 0.8,
    "kecamatan": ["Bulakamba", "Wanasari", "Losari", "Ketanggungan", "Bumiayu", "Paguyangan", "Songgom", "Kersana",
                  "Banjarharjo", "Jatibarang"],
    "locations": ["Brebes, Jawa Tengah", "Brebes", "Bumiayu, Brebes"],
    "hashtags": ["#Pilkada2024", "#PilkadaDamai", "#KawalPilkada", "#PemiluJurdil"],  # those no other issue reads
    "texts": {
        "negative": [
            "Rekapitulasi suara di PPK {kec} Brebes molor terus, saksi minta hitung ulang karena angkanya beda sama C1",
            "Warga Brebes kecewa, rekap suara kecamatan {kec} tidak sama dengan C1 yang difoto saksi di TPS",
            "KPU Brebes tunda rekapitulasi, selisih suara di {n} TPS kecamatan {kec} belum jelas. parah",
            "Penghitungan ulang di TPS {tps} {kec} Brebes sampai subuh, warga makin bingung hasilnya yang mana",
            "Hitung ulang di Brebes kok bertele tele, rekap kecamatan {kec} sudah tiga hari belum selesai",
            "#BrebesMemilih rekap suara di {kec} beda lagi sama formulir C1, capek nunggu kejelasan",
            "Aneh, suara paslon berubah pas rekap di kecamatan {kec}, Brebes. minta semua kotak dibuka lagi",
        ],
        "neutral": [
            "Bawaslu Kabupaten Brebes rekomendasikan penghitungan ulang di {n} TPS kecamatan {kec}",
            "Rekapitulasi tingkat kabupaten di Brebes dijadwalkan ulang tanggal {tgl}, menunggu hitung ulang di {kec}",
            "KPU Brebes: penghitungan ulang di {n} TPS kecamatan {kec} digelar besok pagi, disaksikan saksi dan Bawaslu",
        ],
    },
}
