// Builds the browser faces: the Outlook task pane and the dashboard, each into dist/web/<name>/ with its own HTML
// page. esbuild-loader transpiles TypeScript (type checking is `npm run typecheck`); production builds are minified
// and tree-shaken so Fluent UI v9 ships only the components a page uses.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

/** One app: its entry, its HTML template and where it lands. Each face adds its own extra pages here. */
function app(name, { pages = [{ entry: 'index', template: 'index.html', filename: 'index.html' }] } = {}) {
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
    plugins: pages.map(
      (p) =>
        new HtmlWebpackPlugin({
          template: path.join(dir, p.template),
          filename: p.filename,
          chunks: [p.entry],
        }),
    ),
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

module.exports = [app('taskpane'), app('dashboard')];
module.exports.app = app;
