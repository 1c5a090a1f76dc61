/**
 * Reference geography that no import supplies in one file: England, the nine regions (ONS codes),
 * the shire counties that have districts (DfE LA code → ONS county code, 2014 boundaries), and
 * Kent's ten statistical neighbours of 2012 as the 2013-2016 framework names them.
 */

export const england = { code: 'E92000001', name: 'England' } as const;

export const regions = [
  { code: 'E12000001', name: 'North East' },
  { code: 'E12000002', name: 'North West' },
  { code: 'E12000003', name: 'Yorkshire and The Humber' },
  { code: 'E12000004', name: 'East Midlands' },
  { code: 'E12000005', name: 'West Midlands' },
  { code: 'E12000006', name: 'East of England' },
  { code: 'E12000007', name: 'London' },
  { code: 'E12000008', name: 'South East' },
  { code: 'E12000009', name: 'South West' },
] as const;

/** The region a row about a region names: exact names only ("Inner London" is not London). */
export function regionCodeForExactName(name: string): string | null {
  const normalised = name.trim().toLowerCase();
  return regions.find((r) => r.name.toLowerCase() === normalised)?.code ?? null;
}

/** The region an LA belongs to, as DfE LA code lists write it (LAIT splits London in two: both are London). */
export function regionCodeForName(name: string): string | null {
  const normalised = name
    .trim()
    .toLowerCase()
    .replace(/^(inner|outer) london$/, 'london')
    .replace(/^east of england$|^eastern$/, 'east of england');
  return regions.find((r) => r.name.toLowerCase() === normalised)?.code ?? null;
}

/** Two-tier counties (their districts come from postcodes) and one unitary neighbour of Kent: DfE code → ONS code. */
export const laOnsCodes: Readonly<Record<string, string>> = {
  '825': 'E10000002', // Buckinghamshire
  '873': 'E10000003', // Cambridgeshire
  '909': 'E10000006', // Cumbria
  '830': 'E10000007', // Derbyshire
  '878': 'E10000008', // Devon
  '835': 'E10000009', // Dorset
  '845': 'E10000011', // East Sussex
  '881': 'E10000012', // Essex
  '916': 'E10000013', // Gloucestershire
  '850': 'E10000014', // Hampshire
  '919': 'E10000015', // Hertfordshire
  '886': 'E10000016', // Kent
  '888': 'E10000017', // Lancashire
  '855': 'E10000018', // Leicestershire
  '925': 'E10000019', // Lincolnshire
  '926': 'E10000020', // Norfolk
  '928': 'E10000021', // Northamptonshire
  '815': 'E10000023', // North Yorkshire
  '891': 'E10000024', // Nottinghamshire
  '931': 'E10000025', // Oxfordshire
  '933': 'E10000027', // Somerset
  '860': 'E10000028', // Staffordshire
  '935': 'E10000029', // Suffolk
  '936': 'E10000030', // Surrey
  '937': 'E10000031', // Warwickshire
  '938': 'E10000032', // West Sussex
  '885': 'E10000034', // Worcestershire
  '866': 'E06000030', // Swindon
};

/** The DfE code of the LA whose ONS county code a postcode file gives (two-tier counties), or null for one not listed. */
export function laCodeOfCounty(countyOnsCode: string): string | null {
  return Object.entries(laOnsCodes).find(([, ons]) => ons === countyOnsCode)?.[0] ?? null;
}

export const kent = { code: '886', name: 'Kent', onsCode: 'E10000016', regionCode: 'E12000008' } as const;

/** Kent's twelve districts (ONS codes). Shepway was renamed Folkestone and Hythe in April 2018, same code. */
export const kentDistricts = [
  { code: 'E07000105', name: 'Ashford' },
  { code: 'E07000106', name: 'Canterbury' },
  { code: 'E07000107', name: 'Dartford' },
  { code: 'E07000108', name: 'Dover' },
  { code: 'E07000109', name: 'Gravesham' },
  { code: 'E07000110', name: 'Maidstone' },
  { code: 'E07000111', name: 'Sevenoaks' },
  { code: 'E07000112', name: 'Shepway' },
  { code: 'E07000113', name: 'Swale' },
  { code: 'E07000114', name: 'Thanet' },
  { code: 'E07000115', name: 'Tonbridge and Malling' },
  { code: 'E07000116', name: 'Tunbridge Wells' },
] as const;

/** Kent's statistical neighbours as the 2013-2016 framework lists them (seed document, 2012). */
export const kentNeighbours2012 = {
  code: 'sn-886-2012',
  name: "Kent's statistical neighbours (2012)",
  members: [
    { code: '845', name: 'East Sussex', regionCode: 'E12000008' },
    { code: '881', name: 'Essex', regionCode: 'E12000006' },
    { code: '888', name: 'Lancashire', regionCode: 'E12000002' },
    { code: '928', name: 'Northamptonshire', regionCode: 'E12000004' },
    { code: '891', name: 'Nottinghamshire', regionCode: 'E12000004' },
    { code: '860', name: 'Staffordshire', regionCode: 'E12000005' },
    { code: '866', name: 'Swindon', regionCode: 'E12000009' },
    { code: '937', name: 'Warwickshire', regionCode: 'E12000005' },
    { code: '938', name: 'West Sussex', regionCode: 'E12000008' },
    { code: '885', name: 'Worcestershire', regionCode: 'E12000005' },
  ],
} as const;

/** District names as Code-Point's code list writes them ("Ashford District (B)") → the name people use. */
export function plainDistrictName(codeListName: string): string {
  return codeListName
    .replace(/\s+District(\s+\(B\))?$/, '')
    .replace(/\s+\(B\)$/, '')
    .trim();
}
