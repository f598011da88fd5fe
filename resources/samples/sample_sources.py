"""The sample's sources and quotes: every source the Kyiv Independent article cites.

Quotes are short and are the article's exact words (a test checks each one against the
article). Where the article reports someone in its own words, the quote belongs to the source
the information comes from and the speaker says whose words they are. Grades are the sample
analyst's (Admiralty: reliability A-F of the source, credibility 1-6 of the item).
"""
from __future__ import annotations

import struct
import zlib
from datetime import date

from desktop.model.entities import Quote, Source

ARTICLE_URL = "https://kyivindependent.com/"  # the outlet; the sample stores no copy of the page
KI_REPORT = "Kyiv Independent (Francis Farrell)"

# id, outlet, title, published, kind, reliability, notes (our own words)
SOURCES: list[Source] = [
    Source("src-ki", "Kyiv Independent", "Pokrovsk in Russia's grip as sister city stares down encirclement "
           "(Francis Farrell)", ARTICLE_URL, date(2025, 12, 4), "media", "B",
           "Front-line reporting by a staff reporter; the article that carries every other source in this "
           "sample. Publication date approximate (the article's latest events are of Dec 3)."),
    Source("src-mod", "Russian Ministry of Defence", "Video: flag unfurled on Shybankova Square", "",
           date(2025, 12, 1), "official", "D",
           "Party to the conflict with an interest in announcing captures early. The video's place can be "
           "geolocated, which makes the position credible even where the claim of control is not."),
    Source("src-kremlin", "Kremlin (President Putin)", "Claim that Pokrovsk was taken", "",
           date(2025, 12, 1), "official", "D",
           "Political claim made after a briefing by Chief of General Staff Gerasimov."),
    Source("src-simonyan", "Margarita Simonyan (X)", "Repost of the Defence Ministry video", "",
           date(2025, 12, 1), "social", "E", "Russian state media presenter; propaganda."),
    Source("src-genstaff", "General Staff of the Armed Forces of Ukraine", "Statement denying the capture", "",
           date(2025, 12, 2), "official", "C",
           "Party to the conflict with an interest in denying losses; usually accurate on facts it states."),
    Source("src-deepstate", "DeepState", "DeepState map (as described by the Kyiv Independent)", "",
           date(2025, 12, 3), "mapping project", "B",
           "Ukrainian OSINT mapping project. Only the article's description of its map is used here; "
           "no DeepState geometry is in this project."),
    Source("src-pohorilyi", "Roman Pohorilyi (DeepState livestream)", "Livestream on the project's channel",
           "", date(2025, 12, 3), "social", "B", "Co-founder of DeepState, speaking on a livestream."),
    Source("src-pilot", "Ukrainian drone pilot (anonymous)", "Interview with the Kyiv Independent", "",
           date(2025, 12, 3), "media", "C",
           "Identity known to the reporter, not to us. First-hand view of northern Pokrovsk; date of the "
           "interview approximate."),
    Source("src-7corps", "7th Air Assault Corps", "Social media post on rotations into Myrnohrad", "",
           date(2025, 12, 3), "official", "C",
           "The corps defending the Pokrovsk area; an interest in denying an encirclement. Known to us "
           "through the Kyiv Independent's summary."),
    Source("src-hromadske", "Hromadske", "Report citing a 38th Marine Brigade commander and another source",
           "", date(2025, 12, 3), "media", "B",
           "Ukrainian outlet; its two sources are unnamed. Known to us through the Kyiv Independent's summary."),
    Source("src-officer", "Senior brigade officer in Myrnohrad (anonymous)", "Comment to the Kyiv Independent",
           "", date(2025, 12, 3), "media", "C", "Name and unit withheld; declined to say whether his troops "
                                                 "are encircled."),
    Source("src-425", "425th Assault Regiment", "Deleted post with an AI-generated image", "",
           date(2025, 12, 2), "social", "E",
           "Posted an AI-generated picture of two soldiers with a Ukrainian flag on Shybankova Square to "
           "'debunk' the Russian video; the post was deleted. Date approximate."),
    Source("src-own", "Own assessment", "Analyst's weekly steps between the reported facts", "",
           date(2025, 12, 15), "own", "C",
           "Basis: the zones between the dated facts of the article are the analyst's interpolation, drawn "
           "on the OpenStreetMap town outlines, railway and streets. Inside the towns the line of the "
           "railway and hand-placed cut lines mark how far the reported advance had come; outside them "
           "the front lines and pincers are hand-placed vertices moved week by week. Weeks the article "
           "does not describe are linked to its general statements as context."),
]

# key -> (source id, exact words, speaker, said on, credibility)
QUOTES: dict[str, tuple[str, str, str, date, int]] = {
    "fog": ("src-ki", "the reality — as it has been since late summer — continues to be hostage to the fog of war",
            KI_REPORT, date(2025, 12, 4), 6),
    "swarm": ("src-ki", "More than five weeks after Russian troops first started to swarm into the southern "
              "outskirts of the Donetsk Oblast city", KI_REPORT, date(2025, 12, 4), 2),
    "overrun": ("src-ki", "Pokrovsk has been decisively overrun, although Kyiv still claims a presence inside "
                "the urban area", KI_REPORT, date(2025, 12, 4), 2),
    "no_vehicles": ("src-ki", "Since the first weeks after Russian troops entered Pokrovsk in October, no "
                    "Ukrainian vehicles have been able to pass through the remaining land corridor to Myrnohrad",
                    KI_REPORT, date(2025, 12, 4), 2),
    "drones": ("src-ki", "all supply runs were conducted by drones and unmanned ground vehicles",
               "Ukrainian commanders, to the Kyiv Independent (reported speech)", date(2025, 10, 27), 2),
    "south_control": ("src-deepstate", "Almost all of the center of the city, together with the rest of the "
                      "built-up area south of the main railway line, is now assessed as being under Russian "
                      "control", "Kyiv Independent, summarising DeepState and other mapping projects",
                      date(2025, 12, 3), 2),
    "infiltration": ("src-ki", "constantly advancing Russian infiltration groups — moving forward through the "
                     "urban area and soon followed by reinforcements digging in", KI_REPORT, date(2025, 12, 4), 2),
    "north_strikes": ("src-ki", "Strikes on both Russian and Ukrainian soldiers have been recorded in the "
                      "northern low-density residential neighborhoods of Pokrovsk", KI_REPORT,
                      date(2025, 12, 4), 2),
    "dig_in": ("src-ki", "the area above the railway line has proved difficult for Russian troops to properly "
               "dig into", KI_REPORT, date(2025, 12, 4), 2),
    "square_far": ("src-ki", "Shybankova Square, where the Russian troops unfurled the flag in the Defense "
                   "Ministry video, is in this area, far from any recent geolocation of Ukrainian soldiers",
                   KI_REPORT, date(2025, 12, 4), 2),
    "de_facto": ("src-ki", "full Russian control over the city is denied de jure but close to being secured "
                 "de facto", KI_REPORT, date(2025, 12, 4), 3),
    "mod_video": ("src-mod", "a video of Russian soldiers strolling leisurely through central Pokrovsk and "
                  "unfurling the state flag on Shybankova Square",
                  "Kyiv Independent, describing the Defence Ministry video", date(2025, 12, 1), 2),
    "putin": ("src-kremlin", "the claim was first made by Russian President Vladimir Putin on Dec. 1",
              "Kyiv Independent (reported)", date(2025, 12, 1), 4),
    "simonyan": ("src-simonyan", "moment Pokrovsk became Krasnoarmeysk", "Margarita Simonyan",
                 date(2025, 12, 1), 5),
    "genstaff": ("src-genstaff", "This is just another attempt by the Kremlin to use the videotaped "
                 "\"flag-raising\" for propaganda purposes to influence participants in international "
                 "negotiations", "General Staff of the Armed Forces of Ukraine", date(2025, 12, 2), 3),
    "pohorilyi": ("src-pohorilyi", "These clearing operations unfortunately don't carry much weight, as the "
                  "enemy has every opportunity to continue gathering in the central and southern parts of "
                  "the city", "Roman Pohorilyi", date(2025, 12, 3), 2),
    "pilot_positions": ("src-pilot", "Ukrainian soldiers still hold some positions in the northern part of "
                        "Pokrovsk", "Ukrainian drone pilot (reported speech)", date(2025, 12, 3), 3),
    "pilot_cut_off": ("src-pilot", "these Ukrainian positions are mostly cut off on the ground, resupplied "
                      "only by drone", "Kyiv Independent, after the drone pilot", date(2025, 12, 3), 3),
    "pilot_stupid": ("src-pilot", "It's stupid to keep them surrounded there", "Ukrainian drone pilot",
                     date(2025, 12, 3), 3),
    "ai_image": ("src-425", "debunk Russian propaganda", "425th Assault Regiment (deleted post)",
                 date(2025, 12, 2), 5),
    "critical": ("src-ki", "the situation in the sister city of Myrnohrad has only become more critical over "
                 "the last weeks", KI_REPORT, date(2025, 12, 4), 2),
    "noose": ("src-ki", "Russian advances northeast of Pokrovsk look to be closing the noose on the city",
              KI_REPORT, date(2025, 12, 4), 2),
    "flanks": ("src-ki", "On the southern and eastern flanks of Myrnohrad, hardened Ukrainian brigades have "
               "largely managed to hold the line", KI_REPORT, date(2025, 12, 4), 2),
    "broken_in": ("src-ki", "Russian infiltration groups have broken into the city", KI_REPORT,
                  date(2025, 12, 4), 2),
    "pincers_met": ("src-ki", "the two Russian pincers to the west of Myrnohrad have practically met",
                    KI_REPORT, date(2025, 12, 4), 2),
    "thinnest": ("src-deepstate", "maps like DeepState continue to mark the thinnest of corridors remaining",
                 "Kyiv Independent, on DeepState's map", date(2025, 12, 3), 2),
    "rotations": ("src-7corps", "denied a full encirclement of Myrnohrad claiming that in the week up to "
                  "Dec. 3, several successful rotations of personnel were carried out in and out of the city",
                  "Kyiv Independent, summarising the corps' post", date(2025, 12, 3), 3),
    "encircled": ("src-hromadske", "Myrnohrad had been encircled on the ground for the last five days",
                  "Unnamed commander, 38th Marine Brigade (reported speech)", date(2025, 12, 3), 3),
    "last_rotation": ("src-hromadske", "the last successful rotation was back on Nov. 12",
                      "Another unnamed source of Hromadske (reported speech)", date(2025, 12, 3), 3),
    "hellish": ("src-officer", "We continue to defend every piece of our land, the battles for Myrnohrad are "
                "hellish", "Senior officer of a brigade fighting in Myrnohrad", date(2025, 12, 3), 3),
    "bridge": ("src-ki", "A bridge destroyed by Russian forces in Pokrovsk, Donetsk Oblast, on Sept. 9, 2024.",
               "Photo caption, Francis Farrell/The Kyiv Independent", date(2024, 9, 9), 1),
}


def quotes() -> list[Quote]:
    return [Quote(f"q-{key.replace('_', '-')}", sid, text, speaker, said, "en", "", cred)
            for key, (sid, text, speaker, said, cred) in QUOTES.items()]


def quote_id(key: str) -> str:
    if key not in QUOTES:
        raise KeyError(key)
    return f"q-{key.replace('_', '-')}"


# -- the stand-in for the 425th's AI-generated picture ---------------------------------------
def placeholder_png(width: int = 160, height: int = 90) -> bytes:
    """A grey PNG with a diagonal cross: a stand-in, clearly not the real image.

    Written with zlib and struct so the sample builds without Qt; the attachment's notes say
    what it stands for.
    """
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            on_cross = abs(x * height - y * width) < width * 1.5 or abs((width - x) * height - y * width) < width * 1.5
            edge = x < 2 or y < 2 or x >= width - 2 or y >= height - 2
            v = 90 if (on_cross or edge) else 215
            row += bytes((v, v, v))
        rows.append(bytes(row))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    text = b"Comment\x00Stand-in for an AI-generated image; not the real picture"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"tEXt", text)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
