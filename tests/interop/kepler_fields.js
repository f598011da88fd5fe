// The field types kepler.gl gives a GeoJSON file (its own processors, @kepler.gl/processors):
// node kepler_fields.js file.geojson -> {"name": "type", ...} on stdout.
const {processGeojson} = require('@kepler.gl/processors');
const fs = require('fs');
const out = processGeojson(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
console.log(JSON.stringify(Object.fromEntries(out.fields.map(f => [f.name, f.type]))));
