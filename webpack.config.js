// Builds the browser faces: the Outlook task pane and the dashboard, each into dist/web/<name>/ with its own HTML
// page. esbuild-loader transpiles TypeScript (type checking is `npm run typecheck`); production builds are minified
// and tree-shaken so Fluent UI v9 ships only the components a page uses.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

/** Copies `<app>/<folder>/*` as is into the build's `<folder>/` (files with fixed URLs, e.g. the add-in's icons). */
function copyFolder(dir, folder) {
  const { readdirSync, readFileSync } = require('node:fs');
  return {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap('CopyFolder', (compilation) => {
        compilation.hooks.processAssets.tap({ name: 'CopyFolder', stage: 0 }, () => {
          for (const file of readdirSync(path.join(dir, folder)))
            compilation.emitAsset(
              `${folder}/${file}`,
              new compiler.webpack.sources.RawSource(readFileSync(path.join(dir, folder, file))),
            );
        });
      });
    },
  };
}

/** One app: its entry, its HTML template and where it lands. Each face adds its own extra pages here. */
function app(
  name,
  { pages = [{ entry: 'index', template: 'index.html', filename: 'index.html' }], copy = [] } = {},
) {
  const dir = path.join(__dirname, name);
  return {
    name,
    mode: 'production',
    devtool: false,
    entry: Object.fromEntries(pages.map((p) => [p.entry, path.join(dir, 'src', `${p.entry}.tsx`)])),
    output: {
      path: path.join(__dirname, 'dist', 'web', name),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: `/${name}/`,
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'esbuild-loader',
          options: { target: 'es2020', tsconfig: path.join(__dirname, 'tsconfig.web.json') },
        },
      ],
    },
    plugins: [
      ...pages.map(
        (p) =>
          new HtmlWebpackPlugin({
            template: path.join(dir, p.template),
            filename: p.filename,
            chunks: [p.entry],
          }),
      ),
      ...copy.map((folder) => copyFolder(dir, folder)),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

module.exports = [
  app('taskpane', {
    pages: [
      { entry: 'index', template: 'index.html', filename: 'index.html' },
      // The same pane without office.js, framed by the preview page (/preview) that stands in for Outlook.
      { entry: 'index', template: 'pane-preview.html', filename: 'pane-preview.html' },
      { entry: 'preview', template: 'preview.html', filename: 'preview.html' },
      // The sign-in page of the Office dialog fallback (hosts without nested app authentication).
      { entry: 'auth-dialog', template: 'auth-dialog.html', filename: 'auth-dialog.html' },
    ],
    // The icons the manifest names, at fixed URLs (/taskpane/assets/icon-<size>.png).
    copy: ['assets'],
  }),
  app('dashboard'),
];
module.exports.app = app;
