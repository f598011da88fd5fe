"""The Pokrovsk scenario of seed/pokrovsk-myrnohrad-article.txt as a small project (shared by tests)."""
from __future__ import annotations

from datetime import date

from shapely.geometry import box

from desktop.model import CommandStack, Project
from desktop.model.edits import add_assessment, create_zone
from desktop.model.evidence_commands import add_quote, add_source

# Pokrovsk is about 37.12-37.22 E, 48.25-48.31 N; the railway line runs roughly along 48.285 N.
CITY = box(37.12, 48.25, 37.22, 48.31)
SOUTH = box(37.12, 48.25, 37.22, 48.285)  # "the built-up area south of the main railway line"
NORTH = box(37.12, 48.285, 37.22, 48.31)  # the contested northern neighbourhoods
D_CLAIM, D_DENIAL = date(2025, 12, 1), date(2025, 12, 2)


def scenario() -> tuple[Project, CommandStack, dict[str, str]]:
    p = Project()
    st = CommandStack(p)
    ids: dict[str, str] = {}
    cmd, ids["ours"] = add_assessment(p, "Our assessment")
    st.push(cmd)
    cmd, ids["deepstate"] = add_assessment(p, "DeepState (imported)", origin="deepstatemap.live")
    st.push(cmd)
    for key, name, geom, status in (("south", "Pokrovsk south", SOUTH, "ru_control"),
                                    ("north", "Pokrovsk north", NORTH, "contested"),
                                    ("claim", "Russian claim: Pokrovsk", CITY, "ru_claim")):
        cmd, zid = create_zone(p, name=name, assessment_id=ids["ours"], geometry=geom, status=status,
                               as_of=date(2025, 11, 24))
        st.push(cmd)
        ids[key] = zid
        ids[key + "_v"] = p.versions_of(zid)[0].id
    for key, outlet, kind, rel, url in (
            ("mod", "Russian Ministry of Defense", "official", "E", "https://t.me/mod_russia/1"),
            ("gs", "General Staff of the Armed Forces of Ukraine", "official", "B", "https://t.me/GeneralStaffZSU/2"),
            ("ki", "The Kyiv Independent", "media", "B", "https://kyivindependent.com/pokrovsk-in-russias-grip"),
            ("r425", "425th Assault Regiment", "social", "D", "https://t.me/425/9")):
        cmd, ids[key] = add_source(p, outlet, url=url, kind=kind, reliability=rel, published=date(2025, 12, 4))
        st.push(cmd)
    for key, src, text, speaker, said, cred in (
            ("putin", "mod", "Pokrovsk has been taken.", "Vladimir Putin", D_CLAIM, 5),
            ("denial", "gs", "This is just another attempt by the Kremlin to use the videotaped "
             "\"flag-raising\" for propaganda purposes", "General Staff", D_DENIAL, 2),
            ("pilot", "ki", "It's stupid to keep them surrounded there", "Ukrainian drone pilot (anonymous)",
             date(2025, 12, 3), 3),
            ("flag", "r425", "Debunking Russian propaganda: our flag on Shybankova Square", "425th Assault Regiment",
             date(2025, 12, 2), 5)):
        cmd, ids[key] = add_quote(p, ids[src], text, speaker=speaker, said_on=said, credibility=cred)
        st.push(cmd)
    return p, st, ids


def test_scenario_is_sound():
    from desktop.model.evidence_queries import integrity_problems, version_marks
    p, st, ids = scenario()
    assert len(p.sources) == 4 and len(p.quotes) == 4 and not p.evidence
    assert integrity_problems(p) == []
    # Nothing is linked yet: every version is marked as having no evidence.
    assert set(version_marks(p).values()) == {"no_evidence"}
