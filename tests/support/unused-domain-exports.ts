import path from 'node:path';
import ts from 'typescript';

/**
 * Exported functions of src/domain/ that no code but tests refers to (issue 13: the rule that is tested is the rule that
 * runs). Read with the compiler's own symbols, so a function is matched to its declaration through imports and
 * re-exports, never by a name another module happens to share. A test file is `*.test.ts` or anything under tests/.
 */
export function unusedDomainExports(root: string): string[] {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const relative = (sf: ts.SourceFile) => path.relative(root, sf.fileName).split(path.sep).join('/');
  const isTest = (sf: ts.SourceFile) => sf.fileName.endsWith('.test.ts') || relative(sf).startsWith('tests/');
  const own = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !relative(sf).startsWith('node_modules/'));

  // Every exported function of the domain (a function declaration, or a const holding an arrow or function expression).
  const exported = new Map<ts.Symbol, string>();
  for (const sf of own) {
    if (!relative(sf).startsWith('src/domain/') || isTest(sf)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (moduleSymbol === undefined) continue;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const declaration = symbol.declarations?.[0];
      const isFunction =
        declaration !== undefined &&
        (ts.isFunctionDeclaration(declaration) ||
          (ts.isVariableDeclaration(declaration) &&
            declaration.initializer !== undefined &&
            (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))));
      if (isFunction && declaration.getSourceFile() === sf) exported.set(symbol, `${relative(sf)}: ${symbol.name}`);
    }
  }

  // Every identifier outside tests that resolves to one of them, other than the name in its own declaration.
  const used = new Set<ts.Symbol>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const declaredHere = symbol?.declarations?.some((d) => (d as ts.NamedDeclaration).name === node) ?? false;
      if (symbol !== undefined && exported.has(symbol) && !declaredHere && !isImportOrExportName(node)) used.add(symbol);
    }
    ts.forEachChild(node, visit);
  };
  for (const sf of own) if (!isTest(sf)) visit(sf);
  return [...exported]
    .filter(([symbol]) => !used.has(symbol))
    .map(([, name]) => name)
    .sort();
}

/** An import or re-export names a function without running it. */
function isImportOrExportName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent);
}
