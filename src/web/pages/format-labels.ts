const labels: Readonly<Record<string, string>> = {
  'la-code-list': 'DfE LA code list',
  'performance-tables-spine': 'Performance tables school information',
  'gias-establishments': 'GIAS establishments',
  'codepoint-code-names': 'Code-Point Open code names',
  'codepoint-postcodes': 'Code-Point Open postcodes',
  'gias-links': 'GIAS establishment links',
  'gias-group-links': 'GIAS group links',
  'grouping-file': 'Grouping file',
  'demo-county': 'Synthetic demo county',
};

export function formatLabelOf(format: string): string {
  return labels[format] ?? format;
}
