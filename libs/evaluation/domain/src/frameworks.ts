/**
 * National maturity-evaluation frameworks as versioned data with provenance
 * (../shared/domain/evaluation-frameworks.md). Weights are integers in hundredths of a percent
 * (1.30 % = 130; the whole index = 10000) so that every computation is exact. Each value is graded as
 * the reference file grades it: V verified, T third-party only, D derived.
 */
export type Grade = 'V' | 'T' | 'D';

export interface Framework {
  id: string;
  regulation: { id: string; title: string; grade: Grade };
  levels: { level: number; name: string }[];
  /** Lower bounds, highest first: an index at or above `min` (exact decimal string) gets the predicate. */
  predicates: { predicate: string; min: string }[];
  predicateGrade: Grade;
  domains: { id: number; name: string; weight: number; grade: Grade }[];
  aspects: { id: number; name: string; domainId: number | null; weight: number; grade: Grade }[];
  indicators: { no: number; name: string; aspectId: number; weight: number }[];
  indicatorWeightGrade: Grade;
  /** Indicators a closed Audit TIK of each type is evidence for (evaluation-frameworks.md §4.4). */
  auditEvidence: Record<string, number[]>;
  source: string;
}

export const SPBE_2020: Framework = {
  id: 'spbe-2020',
  regulation: { id: 'permenpanrb-59-2020', title: 'PermenPANRB 59/2020 tentang Pemantauan dan Evaluasi SPBE', grade: 'V' },
  levels: [
    { level: 1, name: 'Rintisan' },
    { level: 2, name: 'Terkelola' },
    { level: 3, name: 'Terdefinisi' },
    { level: 4, name: 'Terpadu dan Terukur' },
    { level: 5, name: 'Optimum' },
  ],
  predicates: [
    { predicate: 'Memuaskan', min: '4.2' },
    { predicate: 'Sangat Baik', min: '3.5' },
    { predicate: 'Baik', min: '2.6' },
    { predicate: 'Cukup', min: '1.8' },
    { predicate: 'Kurang', min: '1' },
  ],
  predicateGrade: 'T',
  domains: [
    // Verified: the national training module on the 59/2020 evaluation states "Domain Kebijakan Memiliki
    // Bobot 13% … Setiap Indikator Kebijakan Berbobot 1.3%" (before: derived as 100 − 25 − 16.5 − 45.5).
    { id: 1, name: 'Kebijakan Internal SPBE', weight: 1300, grade: 'V' },
    { id: 2, name: 'Tata Kelola SPBE', weight: 2500, grade: 'V' },
    { id: 3, name: 'Manajemen SPBE', weight: 1650, grade: 'V' },
    { id: 4, name: 'Layanan SPBE', weight: 4550, grade: 'V' },
  ],
  aspects: [
    { id: 1, name: 'Kebijakan Internal Tata Kelola SPBE', domainId: 1, weight: 1300, grade: 'V' },
    { id: 2, name: 'Perencanaan Strategis SPBE', domainId: 2, weight: 1000, grade: 'T' },
    { id: 3, name: 'Teknologi Informasi dan Komunikasi', domainId: 2, weight: 1000, grade: 'T' },
    { id: 4, name: 'Penyelenggara SPBE', domainId: 2, weight: 500, grade: 'T' },
    { id: 5, name: 'Penerapan Manajemen SPBE', domainId: 3, weight: 1200, grade: 'T' },
    { id: 6, name: 'Audit TIK', domainId: 3, weight: 450, grade: 'D' },
    { id: 7, name: 'Layanan Administrasi Pemerintahan Berbasis Elektronik', domainId: 4, weight: 2750, grade: 'V' },
    { id: 8, name: 'Layanan Publik Berbasis Elektronik', domainId: 4, weight: 1800, grade: 'V' },
  ],
  indicators: [
    { no: 1, name: 'Kebijakan Internal Arsitektur SPBE Instansi Pusat/Pemerintah Daerah', aspectId: 1, weight: 130 },
    { no: 2, name: 'Kebijakan Internal Peta Rencana SPBE Instansi Pusat/Pemerintah Daerah', aspectId: 1, weight: 130 },
    { no: 3, name: 'Kebijakan Internal Manajemen Data', aspectId: 1, weight: 130 },
    { no: 4, name: 'Kebijakan Internal Pembangunan Aplikasi SPBE', aspectId: 1, weight: 130 },
    { no: 5, name: 'Kebijakan Internal Layanan Pusat Data', aspectId: 1, weight: 130 },
    { no: 6, name: 'Kebijakan Internal Layanan Jaringan Intra Instansi Pusat/Pemerintah Daerah', aspectId: 1, weight: 130 },
    { no: 7, name: 'Kebijakan Internal Penggunaan Sistem Penghubung Layanan Instansi Pusat/Pemerintah Daerah', aspectId: 1, weight: 130 },
    { no: 8, name: 'Kebijakan Internal Manajemen Keamanan Informasi', aspectId: 1, weight: 130 },
    { no: 9, name: 'Kebijakan Internal Audit TIK', aspectId: 1, weight: 130 },
    { no: 10, name: 'Kebijakan Internal Tim Koordinasi SPBE Instansi Pusat/Pemerintah Daerah', aspectId: 1, weight: 130 },
    { no: 11, name: 'Arsitektur SPBE Instansi Pusat/Pemerintah Daerah', aspectId: 2, weight: 250 },
    { no: 12, name: 'Peta Rencana SPBE Instansi Pusat/Pemerintah Daerah', aspectId: 2, weight: 250 },
    { no: 13, name: 'Keterpaduan Rencana dan Anggaran SPBE', aspectId: 2, weight: 250 },
    { no: 14, name: 'Inovasi Proses Bisnis SPBE', aspectId: 2, weight: 250 },
    { no: 15, name: 'Pembangunan Aplikasi SPBE', aspectId: 3, weight: 250 },
    { no: 16, name: 'Layanan Pusat Data', aspectId: 3, weight: 250 },
    { no: 17, name: 'Layanan Jaringan Intra Instansi Pusat/Pemerintah Daerah', aspectId: 3, weight: 250 },
    { no: 18, name: 'Penggunaan Sistem Penghubung Layanan Instansi Pusat/Pemerintah Daerah', aspectId: 3, weight: 250 },
    { no: 19, name: 'Pelaksanaan Tim Koordinasi SPBE Instansi Pusat/Pemerintah Daerah', aspectId: 4, weight: 250 },
    { no: 20, name: 'Kolaborasi Penerapan SPBE', aspectId: 4, weight: 250 },
    { no: 21, name: 'Penerapan Manajemen Risiko SPBE', aspectId: 5, weight: 150 },
    { no: 22, name: 'Penerapan Manajemen Keamanan Informasi', aspectId: 5, weight: 150 },
    { no: 23, name: 'Penerapan Manajemen Data', aspectId: 5, weight: 150 },
    { no: 24, name: 'Penerapan Manajemen Aset TIK', aspectId: 5, weight: 150 },
    { no: 25, name: 'Penerapan Kompetensi Sumber Daya Manusia', aspectId: 5, weight: 150 },
    { no: 26, name: 'Penerapan Manajemen Pengetahuan', aspectId: 5, weight: 150 },
    { no: 27, name: 'Penerapan Manajemen Perubahan', aspectId: 5, weight: 150 },
    { no: 28, name: 'Penerapan Manajemen Layanan SPBE', aspectId: 5, weight: 150 },
    { no: 29, name: 'Pelaksanaan Audit Infrastruktur SPBE', aspectId: 6, weight: 150 },
    { no: 30, name: 'Pelaksanaan Audit Aplikasi SPBE', aspectId: 6, weight: 150 },
    { no: 31, name: 'Pelaksanaan Audit Keamanan SPBE', aspectId: 6, weight: 150 },
    { no: 32, name: 'Layanan Perencanaan', aspectId: 7, weight: 275 },
    { no: 33, name: 'Layanan Penganggaran', aspectId: 7, weight: 275 },
    { no: 34, name: 'Layanan Keuangan', aspectId: 7, weight: 275 },
    { no: 35, name: 'Layanan Pengadaan Barang dan Jasa', aspectId: 7, weight: 275 },
    { no: 36, name: 'Layanan Kepegawaian', aspectId: 7, weight: 275 },
    { no: 37, name: 'Layanan Kearsipan Dinamis', aspectId: 7, weight: 275 },
    { no: 38, name: 'Layanan Pengelolaan Barang Milik Negara/Daerah', aspectId: 7, weight: 275 },
    { no: 39, name: 'Layanan Pengawasan Internal Pemerintah', aspectId: 7, weight: 275 },
    { no: 40, name: 'Layanan Akuntabilitas Kinerja Organisasi', aspectId: 7, weight: 275 },
    { no: 41, name: 'Layanan Kinerja Pegawai', aspectId: 7, weight: 275 },
    { no: 42, name: 'Layanan Pengaduan Pelayanan Publik', aspectId: 8, weight: 300 },
    { no: 43, name: 'Layanan Data Terbuka', aspectId: 8, weight: 300 },
    { no: 44, name: 'Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)', aspectId: 8, weight: 300 },
    { no: 45, name: 'Layanan Publik Sektor 1', aspectId: 8, weight: 300 },
    { no: 46, name: 'Layanan Publik Sektor 2', aspectId: 8, weight: 300 },
    { no: 47, name: 'Layanan Publik Sektor 3', aspectId: 8, weight: 300 },
  ],
  indicatorWeightGrade: 'T',
  auditEvidence: { infrastruktur: [29], aplikasi: [30], keamanan: [31] },
  source: 'evaluation-frameworks.md §1.2–1.7',
};

export const PEMDI_2026: Framework = {
  id: 'pemdi-2026',
  regulation: { id: 'permenpanrb-8-2026', title: 'PermenPANRB 8/2026 tentang Evaluasi Kinerja Pemerintah Digital', grade: 'T' },
  // The reference gives the level names only in English ("1 Initiate … 5 Leading" [T]); the Indonesian
  // words are the predicate stage labels of 8/2026 Tabel 4, paired with the levels by the product.
  levels: [
    { level: 1, name: 'Merintis (Initiate)' },
    { level: 2, name: 'Membangun (Emerging)' },
    { level: 3, name: 'Berkembang (Developing)' },
    { level: 4, name: 'Melembaga (Embedded)' },
    { level: 5, name: 'Unggul (Leading)' },
  ],
  predicates: [
    { predicate: 'Memuaskan', min: '4' },
    { predicate: 'Sangat Baik', min: '3.5' },
    { predicate: 'Baik', min: '2.5' },
    { predicate: 'Cukup', min: '1.5' },
    { predicate: 'Kurang', min: '1' },
  ],
  predicateGrade: 'T',
  domains: [],
  aspects: [
    { id: 1, name: 'Tata Kelola dan Manajemen', domainId: null, weight: 1000, grade: 'T' },
    { id: 2, name: 'Penyelenggara', domainId: null, weight: 1000, grade: 'T' },
    { id: 3, name: 'Data', domainId: null, weight: 1500, grade: 'T' },
    { id: 4, name: 'Keamanan Pemdi', domainId: null, weight: 1500, grade: 'T' },
    { id: 5, name: 'Teknologi Pemdi', domainId: null, weight: 1000, grade: 'T' },
    { id: 6, name: 'Keterpaduan Layanan Digital Pemerintah', domainId: null, weight: 1500, grade: 'T' },
    { id: 7, name: 'Kepuasan Pengguna Layanan Digital Pemerintah', domainId: null, weight: 2500, grade: 'T' },
  ],
  indicators: [
    { no: 1, name: 'Tata Kelola Pemdi', aspectId: 1, weight: 500 },
    { no: 2, name: 'Manajemen Layanan Digital Pemerintah', aspectId: 1, weight: 500 },
    { no: 3, name: 'SDM Pemdi', aspectId: 2, weight: 500 },
    { no: 4, name: 'Kolaborasi Pemdi', aspectId: 2, weight: 500 },
    { no: 5, name: 'Tata Kelola Data', aspectId: 3, weight: 500 },
    { no: 6, name: 'Penyelenggaraan Informasi Geospasial', aspectId: 3, weight: 300 },
    { no: 7, name: 'Pembangunan Statistik', aspectId: 3, weight: 300 },
    { no: 8, name: 'Pelindungan Data Pribadi', aspectId: 3, weight: 400 },
    { no: 9, name: 'Audit Keamanan Pemdi dan Teknologi Pemdi', aspectId: 4, weight: 400 },
    { no: 10, name: 'Keamanan Pemdi', aspectId: 4, weight: 400 },
    { no: 11, name: 'Kriptografi untuk Keamanan Data', aspectId: 4, weight: 300 },
    { no: 12, name: 'Kapabilitas Penanganan Insiden Siber', aspectId: 4, weight: 400 },
    { no: 13, name: 'Aplikasi Pemdi', aspectId: 5, weight: 500 },
    { no: 14, name: 'Infrastruktur Pemdi', aspectId: 5, weight: 500 },
    { no: 15, name: 'Keterpaduan Proses Bisnis lintas unit & instansi', aspectId: 6, weight: 400 },
    { no: 16, name: 'Integrasi Aplikasi', aspectId: 6, weight: 400 },
    { no: 17, name: 'Portal Layanan Digital Pemerintah', aspectId: 6, weight: 400 },
    { no: 18, name: 'Interoperabilitas Data', aspectId: 6, weight: 300 },
    { no: 19, name: 'Fasilitas Dukungan Pengguna', aspectId: 7, weight: 1000 },
    { no: 20, name: 'Pengelolaan Kepuasan Pengguna', aspectId: 7, weight: 1500 },
  ],
  indicatorWeightGrade: 'T',
  auditEvidence: { infrastruktur: [9], aplikasi: [9], keamanan: [9] },
  source: 'evaluation-frameworks.md §3.3',
};

export const FRAMEWORKS: Readonly<Record<string, Framework>> = { [SPBE_2020.id]: SPBE_2020, [PEMDI_2026.id]: PEMDI_2026 };
