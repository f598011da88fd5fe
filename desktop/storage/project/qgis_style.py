"""The default QGIS style of `zone_versions`, kept in the project's `layer_styles` table.

QGIS (through GDAL's GeoPackage driver) loads a layer's default style from `layer_styles` (the
row for the table and geometry column with `useAsDefault`, else the newest) when it adds the
layer, so a project dragged into QGIS shows each version in its status colour and replays in
the Temporal Controller with no setup.

Frontline's spans are half-open, [valid_from, valid_to): a version ending on a day is not shown
on that day, the one starting on it is; an empty `valid_to` is open (still valid). The
Temporal Controller asks for a day as the frame [day 00:00, next day 00:00) and keeps a
feature when start < frame end and end > frame begin (limit mode "include start, exclude end",
`limitMode="0"`, QGIS 3.22's Qgis::VectorTemporalLimitMode::IncludeBeginExcludeEnd). What
QGIS 3.22 does with the plain fields mode ("start and end from fields", valid_from/valid_to)
is not that, checked with QGIS 3.22.16 (`make interop`): it compiles the filter to SQL, where
the DATE text '2025-09-08' is less than the literal '2025-09-08T00:00:00' (a shorter prefix), so
each new version showed a day early, beside the one it replaces (14 zones for 7 on the day
before a boundary, and zones before their first day). The style therefore uses the mode
"start and end from expressions" with `to_datetime("valid_from")` and
`coalesce(to_datetime("valid_to"), <the last day QGIS holds>)`: QGIS evaluates those itself,
as dates, and shows exactly what Frontline shows. The <temporal> element keeps the field names
too, for a user who switches to the fields mode. QGIS before 3.22 has no limit mode (it then
includes the end day).

The table's layout and registration are what GDAL and QGIS create (QgsOgrProvider's saveStyle,
checked against a style QGIS 3.22 saved): an `attributes` row in gpkg_contents, no
gpkg_extensions row, '' for catalog and schema (what QGIS's loadStyle matches). Frontline owns
one row per file (styleName `frontline`, with its own description); it is added when a project
is created or first opened writable, and its colours follow the legend on later writable opens.
A style the user saved from QGIS stays as it is, and stays the default if it was.
"""
from __future__ import annotations

import sqlite3
from xml.sax.saxutils import quoteattr

from desktop.model.legend import Status, default_legend

from desktop.storage.project.schema import TABLE_MAPS

STYLE_TABLE = "layer_styles"
LAYER, GEOMETRY_COLUMN = "zone_versions", "geom"
START_FIELD, END_FIELD = "valid_from", "valid_to"
STYLE_NAME = "frontline"
DESCRIPTION = "Frontline: zones by status, time spans [valid_from, valid_to) for the Temporal Controller"
# QgsVectorLayerTemporalProperties (QGIS 3.22): mode 4 = ModeFeatureDateTimeStartAndEndFromExpressions
# (2 would be ...FromFields); limitMode 0 = Qgis::VectorTemporalLimitMode::IncludeBeginExcludeEnd.
TEMPORAL_MODE_START_END_EXPRESSIONS = "4"
LIMIT_INCLUDE_BEGIN_EXCLUDE_END = "0"
OPEN_END = "make_datetime(9999,12,31,0,0,0)"  # a still-valid version: QGIS's last day
START_EXPRESSION = f'to_datetime("{START_FIELD}")'
END_EXPRESSION = f'coalesce(to_datetime("{END_FIELD}"), {OPEN_END})'
OTHER_COLOUR = "#607d8b"  # a status missing from the legend (as the exports colour it)
COLUMNS = ("f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName", "styleQML",
           "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time")

# The DDL GDAL's GeoPackage driver (and so QGIS) uses for the table.
STYLE_DDL = (f'CREATE TABLE IF NOT EXISTS "{STYLE_TABLE}" ('
             '"id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "f_table_catalog" TEXT(256), '
             '"f_table_schema" TEXT(256), "f_table_name" TEXT(256), "f_geometry_column" TEXT(256), '
             '"styleName" TEXT(30), "styleQML" TEXT, "styleSLD" TEXT, "useAsDefault" BOOLEAN, '
             '"description" TEXT, "owner" TEXT(30), "ui" TEXT(30), '
             '"update_time" DATETIME DEFAULT (strftime(\'%Y-%m-%dT%H:%M:%fZ\',\'now\')))')


def _rgba(colour: str, alpha: float) -> str:
    c = colour.lstrip("#")
    try:
        r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        r, g, b = (int(OTHER_COLOUR[i:i + 2], 16) for i in (1, 3, 5))
    return f"{r},{g},{b},{max(0, min(255, round(alpha * 255)))}"


def _symbol(name: str, colour: str, fill_opacity: float, dashed: bool) -> str:
    props = {"color": _rgba(colour, fill_opacity), "style": "solid", "joinstyle": "bevel",
             "outline_color": _rgba(colour, 1.0), "outline_style": "dash" if dashed else "solid",
             "outline_width": "0.4", "outline_width_unit": "MM", "offset": "0,0", "offset_unit": "MM"}
    # Both forms QGIS reads: the Option map (3.x) and the older <prop> list.
    options = "".join(f'<Option name={quoteattr(k)} value={quoteattr(v)} type="QString"/>' for k, v in props.items())
    legacy = "".join(f"<prop k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in props.items())
    return (f'<symbol type="fill" name={quoteattr(name)} alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="SimpleFill" enabled="1" pass="0" locked="0">'
            f'<Option type="Map">{options}</Option>{legacy}</layer></symbol>')


def temporal_element(start: str = START_EXPRESSION, end: str = END_EXPRESSION) -> str:
    """The <temporal> element of QgsVectorLayerTemporalProperties::writeXml (QGIS 3.22)."""
    return (f'<temporal enabled="1" mode="{TEMPORAL_MODE_START_END_EXPRESSIONS}" '
            f'limitMode="{LIMIT_INCLUDE_BEGIN_EXCLUDE_END}" startField="{START_FIELD}" endField="{END_FIELD}" '
            f'startExpression={quoteattr(start)} endExpression={quoteattr(end)} durationField="" '
            'durationUnit="min" fixedDuration="0" accumulate="0">'
            '<fixedRange><start></start><end></end></fixedRange></temporal>')


def style_qml(legend: dict[str, Status]) -> str:
    """The QML of the default style: a categorized renderer on `status` (each legend entry's
    colour and fill opacity, in legend order; any other status grey) and the temporal
    properties."""
    statuses = sorted(legend.values(), key=lambda s: (s.order, s.key))
    cats, syms = [], []
    for i, s in enumerate(statuses):
        cats.append(f'<category value={quoteattr(s.key)} symbol="{i}" label={quoteattr(s.label)} render="true"/>')
        syms.append(_symbol(str(i), s.colour, s.fill_opacity, s.dashed))
    k = len(statuses)  # the category with an empty value: "all other values"
    cats.append(f'<category value="" symbol="{k}" label="Other status" render="true"/>')
    syms.append(_symbol(str(k), OTHER_COLOUR, 0.35, False))
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            '<qgis version="3.22.0" styleCategories="Symbology|Temporal" hasScaleBasedVisibilityFlag="0" '
            'minScale="100000000" maxScale="0">\n'
            f" {temporal_element()}\n"
            ' <renderer-v2 type="categorizedSymbol" attr="status" symbollevels="0" forceraster="0" '
            'enableorderby="0" referencescale="-1">'
            f"<categories>{''.join(cats)}</categories><symbols>{''.join(syms)}</symbols>"
            "<rotation/><sizescale/></renderer-v2>\n"
            " <blendMode>0</blendMode>\n <featureBlendMode>0</featureBlendMode>\n"
            " <layerOpacity>1</layerOpacity>\n"
            "</qgis>\n")


def _legend(con: sqlite3.Connection) -> dict[str, Status]:
    """The file's legend; the default one for a new file (seeded after the schema is made)."""
    tm = TABLE_MAPS["legend"]
    try:
        cursor = con.execute(f'SELECT * FROM "{tm.name}"')
        names = [d[0] for d in cursor.description]
        legend = dict(tm.from_rows(cursor.fetchall(), names))
    except (sqlite3.Error, ValueError):
        legend = {}
    return legend or default_legend()


def ensure_default_style(con: sqlite3.Connection) -> None:
    """Add (or bring up to date) Frontline's style row for zone_versions. Run it inside the
    open's one upgrade transaction. It is QGIS's default for the layer unless the file already
    has another default style for it (one the user saved from QGIS)."""
    con.execute(STYLE_DDL)
    con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                "VALUES (?, 'attributes', ?, ?)", (STYLE_TABLE, STYLE_TABLE, "QGIS layer styles"))
    have = {r[1] for r in con.execute(f'PRAGMA table_info("{STYLE_TABLE}")')}
    if not set(COLUMNS) <= have:
        return  # a table another tool made otherwise: left alone (the style is a courtesy)
    qml = style_qml(_legend(con))
    now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
    where = "f_table_name = ? AND f_geometry_column = ?"
    # By rowid: a copy by another tool may call the key column otherwise (ogr2ogr: fid).
    ours = con.execute(f'SELECT _rowid_, styleQML FROM "{STYLE_TABLE}" WHERE {where} AND styleName = ? '
                       "AND description = ?", (LAYER, GEOMETRY_COLUMN, STYLE_NAME, DESCRIPTION)).fetchone()
    if ours is not None:
        if ours[1] != qml:  # the legend changed since it was written
            con.execute(f'UPDATE "{STYLE_TABLE}" SET styleQML = ?, update_time = {now} WHERE _rowid_ = ?',
                        (qml, ours[0]))
        return
    if con.execute(f'SELECT 1 FROM "{STYLE_TABLE}" WHERE {where} AND styleName = ?',
                   (LAYER, GEOMETRY_COLUMN, STYLE_NAME)).fetchone():
        return  # a style of that name the user saved from QGIS: theirs
    other_default = con.execute(f'SELECT 1 FROM "{STYLE_TABLE}" WHERE {where} AND useAsDefault',
                                (LAYER, GEOMETRY_COLUMN)).fetchone()
    con.execute(f'INSERT INTO "{STYLE_TABLE}" ({", ".join(COLUMNS)}) '
                f"VALUES ('', '', ?, ?, ?, ?, '', ?, ?, '', NULL, {now})",
                (LAYER, GEOMETRY_COLUMN, STYLE_NAME, qml, 0 if other_default else 1, DESCRIPTION))


# --- A history export's style (the `.qml` QGIS loads beside a file) ---------------------------
# The same expressions (QGIS evaluates them itself), which matters more here: GDAL before 3.7
# (Debian's 3.6) fails to compare a NULL date in an OGR SQL filter ("Failed to parse date ''")
# and drops the feature, whatever the OR beside it, so the fields mode's compiled
# `"valid_to" > day OR "valid_to" IS NULL` lost every still-valid version of a GeoJSON (0 of 8 on
# the sample's last day). The start is a version's valid_from, or an observation's date (shown
# from then on, as `export --at` does).
EXPORT_START_EXPRESSION = 'to_datetime(coalesce("valid_from", "date"))'
EXPORT_STYLE_MARK = "Frontline history export style"


def export_style_qml() -> str:
    """A QML with only temporal properties (start included, end excluded), for a history
    GeoJSON: fields of both zones and observations, any geometry type."""
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            f"<!-- {EXPORT_STYLE_MARK}: QGIS loads it as the default style of the file beside it -->\n"
            '<qgis version="3.22.0" styleCategories="Temporal">\n'
            f" {temporal_element(EXPORT_START_EXPRESSION, END_EXPRESSION)}\n"
            "</qgis>\n")
