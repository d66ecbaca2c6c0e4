"""Generate the two sample networks shipped in ``sample_networks/``.

Usage::

    python scripts/make_sample_networks.py [--out DIR]

Everything is drawn from seeded :class:`numpy.random.Generator` streams (no
wall clock, no network access), and every table is sorted on all of its
columns before it is written, so the output is byte-identical from one run to
the next (for a given numpy version).

``consultant/`` -- a solo business-growth consultant ("me", Sam Carter)
    About 365 contacts and four years of interactions ending 2026-10-31.  Each
    contact follows an *archetype* with its own rhythm of contact with the
    owner:

    ``partner``       strong referral partner: monthly 1-to-1s for years,
                      referrals both ways, business both ways.
    ``trusted``       credible contact: a 1-to-1 every few months, some
                      referrals from the owner.
    ``client``        current client: fortnightly meetings, monthly invoices.
    ``past_client``   business a few years ago, then the odd call or email.
    ``cold``          was strong, then nothing for the last 12-18 months.
    ``new``           met in the last 2-3 months: a card or event, one 1-to-1.
    ``just_met``      a single card or event in the last fortnight.
    ``one_off``       a single card or event years ago.
    ``linkedin``      LinkedIn-only: likes, comments and messages.
    ``acquaintance``  the occasional event, email or call.
    ``lukewarm``      a couple of 1-to-1s and one referral that went so-so.
    ``friend``        friends: messages, calls, lunches.
    ``supplier``      the owner buys from them (business from the owner).
    ``connector``     knows everybody, but has one weak tie to the owner.
    ``prospect``      known only through other contacts (paths of length 2-3).

    A hand-written table of *featured* contacts (ids ``c0001``-``c0044``)
    answers the seven trigger situations of the product brief; the remaining
    contacts are drawn from profession tables.  Contacts also know each other
    inside their groups (BNI, chamber of commerce, tech meetup, ...), which
    gives the graph communities, brokers and multi-hop paths.  The optional
    ``gender`` and ``location`` columns are added last by
    ``scripts/sample_people.py`` (a fixed first-name table and towns around
    London).

``chapter/`` -- a 40-seat BNI-style chapter (owner ``m01``, the president)
    Two years of weekly meetings (each attendee sits next to about three
    others), 1-to-1s, referral slips (more of them inside power teams),
    thank-you-for-closed-business rows, members who leave (tag
    ``former member``) and replacements who join later, and visitors.
    When A's referral to B closes, the thank-you is stored as ``business``
    from A to B (see :func:`chapter_business`).  The chapter's own records sit
    beside them: ``members.csv`` (membership periods and seats),
    ``attendance.csv`` (a PALMS status per member per meeting) and
    ``slips.csv`` (visitors brought, testimonials, education credits).
    Members differ in how reliably they attend and how much they give, so the
    scorecard shows every traffic-light colour.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261031
END = np.datetime64("2026-10-31")
CONSULTANT_START = np.datetime64("2022-11-01")
CHAPTER_START = np.datetime64("2024-11-01")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "sample_networks"

MUTUAL_KINDS = ("one_to_one", "meeting", "call", "email", "message", "social", "event", "card")
DIRECTED_KINDS = ("referral", "business", "introduction")
CONTACT_COLUMNS = ("id", "name", "company", "profession", "services", "tags", "email",
                   "phone", "character", "competency", "notes")
INTERACTION_COLUMNS = ("date", "source", "target", "kind", "value", "notes")
TIMED_KINDS = ("one_to_one", "meeting", "call")

# --------------------------------------------------------------------------- name tables

FIRST_NAMES = (
    "Adam", "Alice", "Amelia", "Andrew", "Anna", "Arjun", "Beth", "Caroline", "Charlotte",
    "Claire", "Connor", "Dan", "David", "Deborah", "Eleanor", "Emma", "Ethan", "Farah", "Finn",
    "Frances", "George", "Georgia", "Grace", "Harry", "Imogen", "Isaac", "Jack", "James",
    "Jasmine", "Jenny", "Jonathan", "Julia", "Kate", "Kieran", "Leo", "Liam", "Lily", "Lisa",
    "Louise", "Luke", "Maria", "Matthew", "Maya", "Michael", "Molly", "Nadia", "Neil", "Nina",
    "Oliver", "Olivia", "Omar", "Patrick", "Philippa", "Rachel", "Raj", "Rebecca", "Robert",
    "Rosie", "Ruth", "Sam", "Sarah", "Scott", "Sean", "Sofia", "Stephen", "Tariq", "Tessa",
    "Thomas", "Toby", "Uma", "Victor", "Will", "Yasmin", "Zara", "Bogdan", "Mei", "Kwame",
    "Ingrid", "Hamza", "Fatima", "Niamh", "Rhys", "Carys", "Ayesha", "Marek", "Chiara",
)
SURNAMES = (
    "Abbott", "Ahmed", "Allen", "Armstrong", "Bailey", "Barker", "Bell", "Bishop", "Brooks",
    "Burton", "Campbell", "Carr", "Chapman", "Clarke", "Cole", "Cooper", "Cox", "Dale", "Davies",
    "Dixon", "Edwards", "Ellis", "Farrell", "Fisher", "Fletcher", "Ford", "Foster", "Fox",
    "Gibson", "Gill", "Gordon", "Graham", "Green", "Hall", "Hamilton", "Hayes", "Henderson",
    "Hill", "Holmes", "Hughes", "Hunt", "Hussain", "Jackson", "James", "Jenkins", "Johnson",
    "Jones", "Kaur", "Kelly", "Khan", "King", "Knight", "Lawson", "Lewis", "Lloyd", "Marshall",
    "Mason", "Matthews", "McDonald", "Mills", "Moore", "Morgan", "Murphy", "Murray", "Nash",
    "Newman", "Norris", "O'Neill", "Owen", "Palmer", "Parker", "Patel", "Pearce", "Perry",
    "Phillips", "Porter", "Powell", "Reid", "Richards", "Roberts", "Robinson", "Rogers", "Rose",
    "Russell", "Saunders", "Scott", "Sharma", "Shaw", "Simpson", "Singh", "Smith", "Spencer",
    "Stevens", "Stewart", "Sutton", "Taylor", "Thompson", "Tucker", "Walker", "Walsh", "Ward",
    "Watson", "Webb", "Wells", "West", "White", "Williams", "Wilson", "Wood", "Wright", "Young",
    "Zielinski", "Okonkwo", "Nakamura", "Costa", "Mensah", "Kowalski", "Byrne",
)
# A few non-ASCII names among the generated contacts (featured ones have more).
ACCENTED_NAMES = ("Renée Dubois", "Søren Lindqvist", "Chloé Laurent", "Jürgen Müller",
                  "Ana Sofía Ruiz", "Bartłomiej Wiśniewski", "Aoife Ní Dhomhnaill")

# --------------------------------------------------------------------------- professions
# profession -> (group, company suffixes, services).  The group is where such people are
# usually met; it drives the communities of contact-to-contact ties.


@dataclass(frozen=True)
class Profession:
    """A profession in the generated contact pool."""

    name: str
    group: str
    suffixes: tuple[str, ...]
    services: tuple[str, ...]


def _professions(group: str, rows: Sequence[tuple[str, str, str]]) -> list[Profession]:
    return [Profession(name, group, tuple(suffixes.split("|")), tuple(services.split("|")))
            for name, suffixes, services in rows]


PROFESSIONS: tuple[Profession, ...] = tuple(
    _professions("finance circle", [
        ("Accountant", "Accountants|& Co Chartered Accountants|Accounting Ltd",
         "year-end accounts|tax returns|VAT returns|management accounts|Sage 50|QuickBooks|Xero"),
        ("Bookkeeper", "Bookkeeping|Books Ltd",
         "bookkeeping|VAT returns|payroll|credit control|QuickBooks|Xero"),
        ("Tax adviser", "Tax Advisers|Tax LLP",
         "corporation tax|self-assessment|capital gains tax|inheritance tax planning"),
        ("Payroll specialist", "Payroll Bureau|Payroll Services",
         "payroll|auto-enrolment pensions|P11D returns|CIS returns"),
        ("Mortgage broker", "Mortgages|Mortgage Solutions",
         "residential mortgages|buy-to-let mortgages|remortgages|first-time buyers"),
        ("Insurance broker", "Insurance Brokers|Risk & Insurance",
         "business insurance|professional indemnity|cyber insurance|fleet insurance"),
        ("Financial planner", "Financial Planning|Wealth Management",
         "retirement planning|investments|pensions|protection"),
        ("Commercial finance broker", "Business Finance|Capital",
         "asset finance|invoice finance|business loans|commercial mortgages"),
        ("R&D tax specialist", "R&D Tax|Innovation Tax",
         "R&D tax credits|patent box|grant funding"),
    ])
    + _professions("property forum", [
        ("Solicitor", "Solicitors|Law LLP|Legal",
         "commercial property|conveyancing|leases|dispute resolution"),
        ("Family solicitor", "Family Law|Solicitors", "divorce|child arrangements|mediation"),
        ("Will writer", "Wills & Probate|Estate Planning",
         "wills|lasting powers of attorney|probate|trusts"),
        ("Estate agent", "Estate Agents|Property|Homes",
         "residential sales|valuations|lettings|new homes"),
        ("Letting agent", "Lettings|Property Management",
         "lettings|property management|tenant finding|rent collection"),
        ("Architect", "Architects|Architecture|Design Studio",
         "planning applications|extensions|new builds|building regulations drawings"),
        ("Builder", "Builders|Construction Ltd",
         "extensions|loft conversions|renovations|groundworks"),
        ("Plumber", "Plumbing|Plumbing & Heating",
         "boiler installation|bathroom fitting|heat pumps|emergency plumbing"),
        ("Electrician", "Electrical|Electrical Services",
         "rewiring|EV charger installation|EICR testing|solar PV"),
        ("Chartered surveyor", "Surveyors|Surveying",
         "building surveys|party wall|valuations|dilapidations"),
        ("Interior designer", "Interiors|Interior Design",
         "interior design|space planning|home staging|office fit-out"),
        ("Roofer", "Roofing", "roof repairs|flat roofs|guttering|chimney repairs"),
        ("Landscape gardener", "Landscapes|Gardens", "garden design|patios|fencing|planting"),
        ("Commercial cleaner", "Cleaning Services|Facilities",
         "office cleaning|deep cleans|window cleaning|washroom services"),
        ("Removals company owner", "Removals|Moving & Storage",
         "house removals|office moves|storage|packing"),
    ])
    + _professions("tech meetup", [
        ("Photographer", "Photography|Studios",
         "headshots|product photography|event photography|wedding photography"),
        ("Printer", "Print|Print & Design", "printing|leaflets|signage|business cards"),
        ("Copywriter", "Copywriting|Words", "copywriting|website copy|case studies|blogging"),
        ("SEO consultant", "SEO|Search", "SEO|local SEO|technical SEO audits|Google Ads"),
        ("Social media manager", "Social|Social Media",
         "social media management|LinkedIn content|Instagram|paid social"),
        ("Graphic designer", "Design|Creative", "branding|logo design|brochures|packaging"),
        ("Videographer", "Films|Video Production",
         "promotional videos|event filming|animation|video editing"),
        ("PR consultant", "PR|Communications", "press releases|media relations|crisis comms"),
        ("Marketing consultant", "Marketing|Marketing Ltd",
         "marketing strategy|email marketing|marketing plans|customer research"),
        ("IT support engineer", "IT Services|IT Support",
         "IT support|managed services|backup|Microsoft 365 support"),
        ("Cybersecurity consultant", "Cyber|Security",
         "Cyber Essentials|penetration testing|security training|GDPR"),
        ("Software developer", "Software|Apps", "bespoke software|mobile apps|APIs|automation"),
        ("Telecoms consultant", "Telecoms|Comms", "VoIP phones|business broadband|mobiles"),
        ("Data analyst", "Analytics|Data", "dashboards|Power BI|data cleaning|reporting"),
    ])
    + _professions("people & careers", [
        ("HR consultant", "HR|People", "HR advice|employment contracts|disciplinaries|HR audits"),
        ("Recruitment consultant", "Recruitment|Talent",
         "permanent recruitment|temporary staffing|executive search|sales recruitment"),
        ("Employment lawyer", "Employment Law|Solicitors",
         "employment tribunals|settlement agreements|contracts of employment"),
        ("Health and safety consultant", "Safety|Health & Safety",
         "risk assessments|fire safety|ISO 45001|site audits"),
        ("Translator", "Translations|Language Services",
         "translation|interpreting|localisation|proofreading"),
        ("Executive coach", "Coaching|Executive Coaching",
         "executive coaching|leadership coaching|board effectiveness"),
    ])
    + _professions("wellbeing collective", [
        ("Dentist", "Dental|Dental Care", "general dentistry|implants|Invisalign|hygienist"),
        ("Physiotherapist", "Physio|Physiotherapy",
         "sports injuries|back pain|rehabilitation|workplace assessments"),
        ("Personal trainer", "Fitness|PT", "personal training|corporate wellness|nutrition plans"),
        ("Chiropractor", "Chiropractic", "chiropractic care|back pain|posture assessments"),
        ("Osteopath", "Osteopathy", "osteopathy|sports massage|back pain"),
        ("Nutritionist", "Nutrition", "nutrition coaching|workplace wellbeing talks"),
    ])
    + _professions("hospitality & events", [
        ("Florist", "Flowers|Florist", "wedding flowers|corporate flowers|funeral tributes"),
        ("Caterer", "Catering|Kitchen", "event catering|corporate lunches|wedding catering"),
        ("Wedding planner", "Weddings|Events", "wedding planning|venue sourcing|on-the-day"),
        ("Travel agent", "Travel", "business travel|holidays|group travel|cruises"),
        ("Event venue manager", "Hall|House|Barn", "venue hire|conferences|weddings"),
        ("Hotel manager", "Hotel", "conferences|accommodation|private dining"),
    ])
    + _professions("local business owners", [
        ("Managing director", "Engineering Ltd|Logistics Ltd|Foods Ltd|Manufacturing Ltd",
         "manufacturing|distribution|food production|contract engineering"),
        ("Restaurant owner", "Kitchen|Bistro|Trattoria", "restaurant|private dining|catering"),
        ("Café owner", "Coffee|Café", "coffee shop|cakes|breakfast meetings"),
        ("Retailer", "Home Store|Boutique|Gifts", "retail|online shop|homeware"),
        ("Brewery owner", "Brewing Co", "craft beer|taproom|events"),
        ("Garage owner", "Motors|Autos", "MOT|car servicing|tyres"),
        ("Salon owner", "Hair & Beauty|Salon", "hair|beauty treatments|bridal"),
        ("Charity chief executive", "Trust|Foundation", "community programmes|fundraising"),
        ("Nursery owner", "Day Nursery|Little Ones", "childcare|holiday clubs"),
    ])
)

# Groups are where contacts are met and know each other; owner events sample their calendars.
# group -> (weekday of its event, spacing in weeks, tag it gives)
GROUPS = {
    "bni": ("Wed", 1, "bni"),
    "chamber": ("Thu", 4, "chamber"),
    "finance circle": ("Tue", 8, ""),
    "property forum": ("Fri", 4, ""),
    "tech meetup": ("Tue", 4, ""),
    "people & careers": ("Mon", 8, ""),
    "wellbeing collective": ("Sat", 8, ""),
    "hospitality & events": ("Mon", 6, ""),
    "local business owners": ("Wed", 6, ""),
    "cycling club": ("Sun", 2, "cycling club"),
    "women in leadership": ("Fri", 8, ""),
}
EVENT_NAMES = {
    "bni": "BNI Catalyst weekly meeting", "chamber": "chamber breakfast",
    "finance circle": "finance circle lunch", "property forum": "property forum",
    "tech meetup": "digital meetup", "people & careers": "HR & careers forum",
    "wellbeing collective": "wellbeing fair", "hospitality & events": "hospitality showcase",
    "local business owners": "business owners' supper", "cycling club": "club ride",
    "women in leadership": "Women in Leadership evening",
}

# --------------------------------------------------------------------------- featured contacts


@dataclass(frozen=True)
class Featured:
    """A hand-written contact that answers a trigger situation or plays a known role."""

    name: str
    company: str
    profession: str
    services: str
    tags: str
    archetype: str
    group: str
    rating: tuple[int, int] | None
    notes: str
    since: str = ""


FEATURED: tuple[Featured, ...] = (
    # c0001-c0007: strong long-term referral partners.
    Featured("Priya Shah", "Shah, Webb & Co Chartered Accountants", "Chartered accountant",
             "Xero accounting; cloud accounting; year-end accounts; management accounts",
             "referral partner; xero partner", "partner", "bni", (5, 5),
             "Xero platinum partner; moves small firms onto cloud accounting and keeps them "
             "there. My accountant too.", "2022-11-09"),
    Featured("Mark Ellison", "Ellison Growth Coaching", "Business coach",
             "business coaching; growth planning; accountability coaching; time management",
             "referral partner", "partner", "bni", (5, 4),
             "Gets owners who are stuck in the day job working on the business again.",
             "2022-11-16"),
    Featured("José Álvarez", "Álvarez, Finch & Co Solicitors", "Commercial solicitor",
             "commercial contracts; shareholder agreements; business sales; terms of business",
             "referral partner", "partner", "chamber", (5, 5),
             "Sharp, fair and quick; clients always thank me for the introduction.", "2023-01-12"),
    Featured("Fiona Grant", "Grant Wealth Partners", "Independent financial adviser",
             "pensions; investments; retirement planning; business protection",
             "referral partner", "partner", "chamber", (4, 5),
             "Chartered financial planner; great with business owners planning an exit.",
             "2023-03-02"),
    Featured("Zoë Brontë", "Pixel & Thread Studio", "Web designer",
             "web design; WordPress development; e-commerce websites; website maintenance",
             "referral partner", "partner", "bni", (5, 5),
             "Rebuilt my website in 2023. On time, on budget, and clients rave about her. "
             "Trusted for three years.", "2023-09-13"),
    Featured("Siobhán Ó Briain", "Next Chapter Careers", "Career coach",
             "career coaching; redundancy support; interview preparation; LinkedIn profile reviews",
             "referral partner", "partner", "people & careers", (5, 5),
             "Brilliant with people who have lost their job; runs outplacement days for HR teams.",
             "2023-02-08"),
    Featured("Rachel Kim", "Kim HR Consulting", "HR consultant",
             "HR advice; redundancy consultations; employment contracts; people strategy",
             "referral partner", "partner", "chamber", (4, 5),
             "Practical HR for growing firms; handles restructures humanely.", "2023-05-10"),
    # c0008-c0013: trigger 1, two friends lost their jobs.
    Featured("Daniel Osei", "Harbour Recruitment", "Recruitment consultant",
             "finance recruitment; operations recruitment; executive search; interim placements",
             "trusted", "trusted", "people & careers", (4, 4),
             "Places finance and operations people; always makes time for job seekers."),
    Featured("Gillian Ross", "Ross Outplacement Partners", "Outplacement consultant",
             "outplacement programmes; career transition workshops; redundancy support",
             "", "acquaintance", "people & careers", None,
             "Runs outplacement for large employers; met at the HR forum."),
    Featured("Tom Fairweather", "Write Your Way CV", "CV writer",
             "CV writing; LinkedIn profile writing; cover letters",
             "linkedin", "linkedin", "people & careers", None,
             "Professional CV and LinkedIn profile writer."),
    Featured("Hannah Lee", "", "Operations manager", "operations management; logistics",
             "friend; job seeker", "friend", "cycling club", (5, 4),
             "Laid off in September 2026 when her logistics firm restructured; looking for an "
             "operations role."),
    Featured("Chris Doyle", "", "Finance manager", "financial control; month-end reporting",
             "friend; job seeker", "friend", "cycling club", (5, 4),
             "Made redundant in October 2026 after Brightline Foods was taken over; wants a "
             "financial controller or FD role."),
    Featured("Laura Quinn", "Quinn Talent", "Recruitment consultant",
             "temporary staffing; permanent recruitment; sales recruitment",
             "bni", "cold", "bni", (4, 3), "Left BNI Catalyst in 2025."),
    # c0014-c0018: trigger 2, a female emotional-intelligence speaker.
    Featured("Dr Amara Okafor", "Amara Okafor Speaks", "Keynote speaker",
             "emotional intelligence keynotes; leadership workshops; resilience training",
             "speaker; trusted", "trusted", "women in leadership", (5, 5),
             "Award-winning speaker; she delivers emotional intelligence (EQ) sessions for "
             "leadership teams. Saw her close the chamber conference."),
    Featured("Helen Marsh", "Marsh Leadership Training", "Leadership trainer",
             "leadership training; emotional intelligence workshops; team coaching",
             "speaker", "acquaintance", "chamber", (4, 4),
             "She runs EQ and leadership programmes for first-time managers."),
    Featured("Ben Harlow", "Harlow Talks", "Motivational speaker",
             "keynote speaking; sales motivation; resilience",
             "speaker; linkedin", "linkedin", "tech meetup", None,
             "Conference speaker on sales motivation."),
    Featured("Meera Pillai", "EQ at Work", "Emotional intelligence coach",
             "emotional intelligence coaching; EQ assessments; workshops for women leaders",
             "speaker", "new", "women in leadership", None,
             "Met at the Women in Leadership evening; she speaks on emotional intelligence."),
    Featured("Greg Collins", "Collins Training", "Corporate trainer",
             "emotional intelligence training; management development; presentation skills",
             "speaker", "trusted", "people & careers", (4, 4),
             "He runs management development and EQ training days."),
    # c0019-c0021: trigger 3, a good web designer (c0005 is the trusted one).
    Featured("Kevin Price", "Price Web Solutions", "Web developer",
             "web development; WordPress; website hosting",
             "", "lukewarm", "tech meetup", (3, 2),
             "Built a site for a client in 2024: slow to reply and went over budget."),
    Featured("Łukasz Nowak", "Nowak Digital", "Web designer",
             "web design; Webflow; landing pages; UX design",
             "", "just_met", "chamber", None,
             "Met at the chamber business expo last week; swapped cards.", "2026-10-27"),
    Featured("Ella Turner", "Turner Creative", "Web designer",
             "web design; Squarespace websites; branding",
             "", "cold", "tech meetup", (4, 4), "Moved to Bristol in 2025."),
    # c0022-c0026: trigger 4, a client too busy to grow the firm.
    Featured("Sophie Bennett", "Bennett Virtual Support", "Virtual assistant",
             "virtual assistance; diary management; inbox management; admin support",
             "supplier", "supplier", "bni", (5, 5),
             "My VA for two years; frees owners from admin so they can grow."),
    Featured("Ian Crawford", "Crawford Operations Consulting", "Operations consultant",
             "process improvement; operations consulting; systems and workflows; lean",
             "trusted", "trusted", "local business owners", (4, 4),
             "Takes the day-to-day off busy founders by fixing processes."),
    Featured("Natalie Young", "Young FD Services", "Outsourced finance director",
             "part-time FD; cash-flow forecasting; board reporting; fundraising",
             "trusted", "trusted", "finance circle", (5, 4),
             "Part-time FD for growing SMEs; good with finance systems upgrades."),
    Featured("Owen Pryce", "Amplify Marketing Agency", "Marketing agency director",
             "marketing strategy; lead generation; campaigns; content marketing",
             "bni", "acquaintance", "bni", (3, 4), "Full-service marketing agency."),
    Featured("Lucy Adams", "Adams Business Mentoring", "Business mentor",
             "business mentoring; scaling up; delegation", "linkedin", "linkedin",
             "local business owners", None, "Ex-founder who mentors owners who want to scale."),
    # c0027-c0030: trigger 5, the bike shop moved off Xero.
    Featured("Rob Mitchell", "Spokes, Wheels & Co Cycles", "Bike shop owner",
             "bike sales; bike repairs; cycle servicing", "client; cycling club", "client",
             "cycling club", (4, 4),
             "Owns the bike shop on Mill Road; grumbling that his accountant switched the "
             "books from Xero to a desktop package."),
    Featured("Karen Holt", "Holt Bookkeeping", "Bookkeeper",
             "bookkeeping; Xero bookkeeping; VAT returns; payroll; QuickBooks",
             "trusted", "trusted", "finance circle", (4, 5),
             "Xero-certified bookkeeper, tidy and reliable."),
    Featured("Peter Lang", "Lang & Co Accountants", "Accountant",
             "Sage 50 accounts; year-end accounts; tax returns; audit", "", "acquaintance",
             "finance circle", (3, 3), "Traditional practice that prefers Sage desktop."),
    Featured("Aisha Rahman", "Cloudbooks Accounting", "Cloud accountant",
             "cloud accounting; Xero migration; app integration; management accounts",
             "trusted", "trusted", "finance circle", (4, 5),
             "Specialises in moving firms from desktop packages onto Xero."),
    # c0031-c0034: trigger 6, a supplier's outdated billing system.
    Featured("Martin Hughes", "BillRight Consulting", "Billing systems consultant",
             "billing system replacement; invoicing automation; subscription billing; "
             "payment integration", "trusted", "trusted", "tech meetup", (4, 4),
             "Replaces creaky invoicing systems with modern billing."),
    Featured("Sunita Patel", "Patel ERP Solutions", "ERP consultant",
             "ERP implementation; NetSuite; Microsoft Dynamics 365; finance systems review",
             "", "acquaintance", "tech meetup", (4, 4), "Finance systems and ERP specialist."),
    Featured("Gareth Evans", "Evans IT Consulting", "IT consultant",
             "IT strategy; systems integration; software selection", "linkedin", "linkedin",
             "tech meetup", None, "Independent IT consultant."),
    Featured("Alan Firth", "Firth Print, Design & Signs", "Printer",
             "printing; signage; leaflets; business cards", "supplier", "supplier",
             "chamber", (4, 4),
             "Prints my materials. Still invoices from an ancient in-house billing system and "
             "wants to modernise."),
    # c0035-c0037: trigger 7, a company moving to the cloud and Xero.
    Featured("Nikhil Rao", "Skyward Cloud IT", "Cloud migration consultant",
             "cloud migration; Microsoft 365; Azure; data migration", "trusted", "trusted",
             "tech meetup", (4, 5), "Moves small firms' servers and files to the cloud."),
    Featured("Paul Whitaker", "Whitaker Advisory", "Non-executive director",
             "board advisory; NED roles; governance", "colleague; chamber", "trusted",
             "chamber", (5, 4),
             "NED at Northgate Manufacturing, which is planning to move its systems to the "
             "cloud."),
    Featured("Chloe Martin", "Ledgerly", "Xero advisor",
             "Xero setup; Xero training; cloud accounting", "", "new", "finance circle",
             None, "Met at the finance circle lunch; Xero-certified advisor."),
    # c0038: the famous connector (many ties, one weak tie to the owner).
    Featured("Victoria Sterling", "Sterling Connections", "Networking host",
             "networking events; introductions; business community building",
             "connector; linkedin", "connector", "chamber", None,
             "Knows everyone in the region; we have only swapped a LinkedIn comment."),
    # c0039-c0042: more cold contacts and clients with known stories.
    Featured("Simon Blake", "Blake Mortgage Solutions", "Mortgage broker",
             "residential mortgages; commercial mortgages; remortgages", "bni", "cold", "bni",
             (4, 4), "Used to be my closest BNI partner."),
    Featured("Dev Malhotra", "Malhotra Insurance Brokers", "Insurance broker",
             "business insurance; professional indemnity; key person cover", "chamber", "cold",
             "chamber", (3, 4), ""),
    Featured("Jane Harper", "Harper, Lowe & Sons Ltd", "Managing director",
             "precision engineering; contract manufacturing", "past client", "past_client",
             "local business owners", (5, 4),
             "Growth strategy project in 2023; still sends the odd referral.", "2023-03-06"),
    Featured("Tom Nguyen", "Nguyen Family Restaurants", "Restaurant owner",
             "restaurants; private dining", "client", "client", "local business owners",
             (4, 4), "Retained for cash-flow planning across three sites."),
    # c0043-c0044: prospects reachable only through others (paths of length 2 and 3).
    Featured("Catherine Wells", "Northgate Manufacturing", "Chief executive",
             "manufacturing; supply chain", "prospect", "prospect", "local business owners",
             None, "CEO of Northgate; would love an introduction."),
    Featured("Richard Stone", "Stone Capital", "Angel investor",
             "angel investment; growth capital; board mentoring", "prospect", "prospect",
             "finance circle", None, "Invests in growing manufacturers."),
)

# Ties between featured contacts (1-based featured number, strength).
FEATURED_TIES = (
    (1, 2, "strong"), (1, 3, "strong"), (3, 4, "medium"), (6, 7, "strong"), (2, 5, "medium"),
    (6, 8, "medium"), (6, 9, "medium"), (14, 15, "medium"), (1, 28, "medium"),
    (1, 30, "medium"), (30, 35, "medium"), (31, 32, "medium"), (24, 30, "medium"),
    (36, 43, "strong"), (43, 44, "strong"), (38, 43, "medium"), (38, 44, "weak"),
    (38, 14, "medium"), (38, 17, "medium"), (11, 27, "medium"), (12, 27, "medium"),
    (11, 12, "strong"), (20, 38, "weak"), (5, 19, "weak"), (5, 21, "medium"), (13, 8, "medium"),
)

FEATURED_LAST = f"c{len(FEATURED):04d}"

OWNER = {
    "id": "me", "name": "Sam Carter", "company": "Carter Growth Partners",
    "profession": "Business growth consultant",
    "services": "business growth strategy; cash-flow forecasting; pricing strategy; "
                "fundraising readiness; finance function reviews",
    "tags": "owner", "email": "sam@cartergrowth.example.com", "phone": "+44 7700 900001",
    "character": "", "competency": "", "notes": "This is me.",
}
OWNER_SERVICES = ("growth strategy", "cash-flow planning", "pricing review",
                  "fundraising readiness", "finance function review")

# --------------------------------------------------------------------------- generic helpers

NOTE_TEMPLATES = {
    "one_to_one": ("coffee 1-to-1", "1-to-1 over lunch", "Zoom 1-to-1", "walk-and-talk 1-to-1",
                   "1-to-1 at the Old Bank café"),
    "meeting": ("progress meeting", "quarterly review", "planning workshop", "board pack review"),
    "call": ("catch-up call", "quick call", "follow-up call"),
    "email": ("sent an article", "follow-up email", "shared a proposal", "thank-you email"),
    "message": ("WhatsApp", "LinkedIn message", "text message"),
    "social": ("liked a post", "commented on a LinkedIn post", "shared a post"),
    "card": ("swapped cards",),
}


def days(n: int | np.ndarray) -> np.ndarray:
    """Day offsets as timedelta64 values."""
    return np.asarray(n, dtype="timedelta64[D]")


def recurring(rng: np.random.Generator, start, end, every: int, jitter: int,
              skip: float = 0.0) -> np.ndarray:
    """Dates roughly every ``every`` days between start and end, some skipped."""
    start, end = np.datetime64(start, "D"), np.datetime64(end, "D")
    if end < start:
        return np.array([], dtype="datetime64[D]")
    count = int((end - start) / np.timedelta64(every, "D")) + 1
    dates = start + days(np.arange(count) * every + rng.integers(-jitter, jitter + 1, count))
    keep = (rng.random(count) >= skip) & (dates >= start) & (dates <= end)
    return dates[keep]


def scattered(rng: np.random.Generator, start, end, count: float) -> np.ndarray:
    """``count`` (rounded stochastically) uniformly random dates between start and end."""
    start, end = np.datetime64(start, "D"), np.datetime64(end, "D")
    if end < start:
        return np.array([], dtype="datetime64[D]")
    n = int(count) + int(rng.random() < count - int(count))
    span = int((end - start) / np.timedelta64(1, "D")) + 1
    return start + days(rng.integers(0, span, n))


def one_date(rng: np.random.Generator, start, end) -> np.datetime64:
    """A single random date between start and end."""
    return scattered(rng, start, end, 1)[0]


def weekdays(dates: np.ndarray, end=END) -> np.ndarray:
    """Move dates that fall on a weekend to the next weekday (or back, past ``end``)."""
    if len(dates) == 0:
        return dates
    forward = np.busday_offset(dates, 0, roll="forward")
    backward = np.busday_offset(dates, 0, roll="backward")
    return np.where(forward > end, backward, forward)


def amounts(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """Log-uniform money amounts rounded to 50."""
    raw = np.exp(rng.uniform(np.log(low), np.log(high), n))
    return np.maximum(50, np.round(raw / 50).astype(np.int64) * 50)


def pick(rng: np.random.Generator, options: Sequence[str], n: int,
         blank: float = 0.0) -> np.ndarray:
    """``n`` random choices from options, each blank with probability ``blank``."""
    chosen = np.asarray(options, dtype=object)[rng.integers(0, len(options), n)]
    chosen[rng.random(n) < blank] = ""
    return chosen


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only ("Łukasz Nowak" -> "lukasznowak")."""
    text = text.translate(str.maketrans({"Ł": "L", "ł": "l", "ø": "o", "Ø": "O", "ß": "ss"}))
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def group_calendar(group: str, start, end=END) -> np.ndarray:
    """The dates of a group's regular events."""
    weekday, weeks, _ = GROUPS[group]
    first = np.busday_offset(np.datetime64(start, "D"), 0, roll="forward", weekmask=weekday)
    dates = first + days(np.arange(0, int((end - first) / np.timedelta64(1, "D")) + 1, 7 * weeks))
    return dates[dates <= end]


def calendar_dates(rng: np.random.Generator, group: str, start, end, share: float) -> np.ndarray:
    """A random share of a group's event dates between start and end."""
    dates = group_calendar(group, CONSULTANT_START)
    dates = dates[(dates >= start) & (dates <= end)]
    return dates[rng.random(len(dates)) < share]


# --------------------------------------------------------------------------- the ledger


class Ledger:
    """Collects interaction rows as column arrays; mutual kinds get a random direction."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self._parts: list[pd.DataFrame] = []

    def add(self, dates, source, target, kind: str, *, value=None, notes="") -> None:
        """Add one row per date between source and target."""
        if kind not in MUTUAL_KINDS + DIRECTED_KINDS:
            raise ValueError(f"unknown interaction kind {kind!r}")
        dates = np.atleast_1d(np.asarray(dates, dtype="datetime64[D]"))
        n = len(dates)
        if n == 0:
            return
        src = np.broadcast_to(np.asarray(source, dtype=object), (n,)).copy()
        tgt = np.broadcast_to(np.asarray(target, dtype=object), (n,)).copy()
        if kind in MUTUAL_KINDS:
            swap = self.rng.random(n) < 0.5
            src[swap], tgt[swap] = tgt[swap], src[swap].copy()
        if isinstance(notes, str) and notes == "" and kind in NOTE_TEMPLATES:
            notes = pick(self.rng, NOTE_TEMPLATES[kind], n, blank=0.65)
        values = np.full(n, "", dtype=object) if value is None else np.asarray(
            [str(int(v)) for v in np.broadcast_to(value, (n,))], dtype=object)
        self._parts.append(pd.DataFrame({
            "day": dates, "source": src, "target": tgt, "kind": kind, "value": values,
            "notes": np.broadcast_to(np.asarray(notes, dtype=object), (n,)),
        }))

    def frame(self) -> pd.DataFrame:
        """All rows collected so far."""
        return pd.concat(self._parts, ignore_index=True)


# --------------------------------------------------------------------------- consultant contacts


@dataclass
class Person:
    """A contact of the consultant and the window in which they are in touch."""

    id: str
    name: str
    company: str
    profession: str
    services: list[str]
    tags: list[str]
    archetype: str
    group: str
    character: int | None = None
    competency: int | None = None
    notes: str = ""
    since: np.datetime64 | None = None
    first: np.datetime64 = CONSULTANT_START
    last: np.datetime64 = END


BULK_ARCHETYPES = (
    ("trusted", 22), ("client", 18), ("past_client", 26), ("cold", 12), ("new", 16),
    ("just_met", 3), ("one_off", 45), ("linkedin", 60), ("acquaintance", 82), ("lukewarm", 8),
    ("friend", 8), ("supplier", 6), ("prospect", 14),
)
# archetype -> (probability of a rating, lowest character, highest character)
RATING_RULES = {
    "partner": (1.0, 4, 5), "trusted": (0.9, 3, 5), "client": (0.7, 3, 5),
    "past_client": (0.6, 2, 5), "cold": (0.6, 2, 5), "lukewarm": (0.9, 2, 3),
    "friend": (0.7, 4, 5), "supplier": (0.8, 3, 5), "acquaintance": (0.2, 2, 4),
    "linkedin": (0.05, 2, 4), "new": (0.15, 3, 4),
}
ARCHETYPE_TAGS = {
    "partner": "referral partner", "client": "client", "past_client": "past client",
    "linkedin": "linkedin", "friend": "friend", "supplier": "supplier", "new": "new",
    "just_met": "new", "prospect": "prospect", "trusted": "trusted",
}
# Where bulk contacts of an archetype usually come from (otherwise any profession).
ARCHETYPE_GROUPS = {
    "client": "local business owners", "past_client": "local business owners",
    "supplier": "tech meetup", "friend": "cycling club",
}
ARCHETYPE_NOTES = {
    "trusted": ("Reliable and easy to refer.", "Met at the {event}; does good work.", ""),
    "client": ("Client since {since}.", "Retainer client since {since}."),
    "past_client": ("Project client in {since_year}.",
                    "Worked together in {since_year}; happy client."),
    "cold": ("Used to meet regularly.", "We used to sit together at the {event}.", ""),
    "new": ("Met in {since}.", "Met at the {event} in {since}.", ""),
    "just_met": ("Swapped cards recently.",),
    "one_off": ("Card from the {event}.", "", ""),
    "linkedin": ("LinkedIn connection.", "", "", ""),
    "acquaintance": ("Met at the {event}.", "", ""),
    "lukewarm": ("Mixed experience so far.", "Referred once; OK but not great."),
    "friend": ("Old friend.", "Friend from the club rides.", ""),
    "supplier": ("Supplier I use.", "Good supplier; reliable and quick."),
    "prospect": ("Prospect; not met yet.", "Would like an introduction."),
}


def unique_names(rng: np.random.Generator, n: int, taken: set[str]) -> list[str]:
    """``n`` distinct "First Last" names not in ``taken``, with a few accented ones."""
    grid = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
    order = rng.permutation(len(grid))
    names = [name for name in ACCENTED_NAMES if name not in taken]
    for index in order:
        if len(names) >= n:
            break
        if grid[index] not in taken and grid[index] not in names:
            names.append(grid[index])
    return [names[i] for i in rng.permutation(n)]


def company_for(rng: np.random.Generator, name: str, profession: Profession) -> str:
    """A plausible company name; partnerships sometimes get commas."""
    surname = name.split()[-1]
    if profession.group in ("finance circle", "property forum") and rng.random() < 0.3:
        partners = np.asarray(SURNAMES, dtype=object)[rng.choice(len(SURNAMES), 2, replace=False)]
        return f"{surname}, {partners[0]} & {partners[1]} {profession.suffixes[0]}"
    if rng.random() < 0.08:
        return ""
    suffix = profession.suffixes[int(rng.integers(len(profession.suffixes)))]
    return f"{surname} {suffix}"


def rate(rng: np.random.Generator, person: Person) -> None:
    """Give the person an owner's rating, or not, according to their archetype."""
    chance, low, high = RATING_RULES.get(person.archetype, (0.0, 1, 1))
    if rng.random() < chance:
        person.character = int(rng.integers(low, high + 1))
        person.competency = int(np.clip(person.character + rng.integers(-1, 2), 1, 5))


def featured_people() -> list[Person]:
    """The hand-written contacts ``c0001`` onwards."""
    people = []
    for number, item in enumerate(FEATURED, start=1):
        character, competency = item.rating or (None, None)
        tags = [t.strip() for t in item.tags.split(";") if t.strip()]
        people.append(Person(
            id=f"c{number:04d}", name=item.name, company=item.company,
            profession=item.profession,
            services=[s.strip() for s in item.services.split(";")], tags=tags,
            archetype=item.archetype, group=item.group, character=character,
            competency=competency, notes=item.notes,
            since=np.datetime64(item.since) if item.since else None,
        ))
    return people


def bulk_people(rng: np.random.Generator, first_number: int, taken: set[str]) -> list[Person]:
    """The generated contacts, with professions, companies, services and ratings."""
    archetypes = [a for a, count in BULK_ARCHETYPES for _ in range(count)]
    archetypes = [archetypes[i] for i in rng.permutation(len(archetypes))]
    names = unique_names(rng, len(archetypes), taken)
    people = []
    for offset, (archetype, name) in enumerate(zip(archetypes, names, strict=True)):
        profession = choose_profession(rng, archetype)
        count = min(len(profession.services), int(rng.integers(1, 5)))
        services = [str(s) for s in rng.choice(profession.services, count, replace=False)]
        group = profession.group
        if archetype in ("trusted", "acquaintance", "cold", "lukewarm") and rng.random() < 0.35:
            group = "bni" if rng.random() < 0.4 else "chamber"
        elif archetype == "friend":
            group = "cycling club"
        person = Person(
            id=f"c{first_number + offset:04d}", name=name,
            company=company_for(rng, name, profession), profession=profession.name,
            services=services, tags=[], archetype=archetype, group=group,
        )
        rate(rng, person)
        people.append(person)
    return people


def choose_profession(rng: np.random.Generator, archetype: str) -> Profession:
    """A profession, biased towards the group an archetype usually comes from."""
    preferred = ARCHETYPE_GROUPS.get(archetype)
    pool = PROFESSIONS
    if preferred in {p.group for p in PROFESSIONS} and rng.random() < 0.7:
        pool = tuple(p for p in PROFESSIONS if p.group == preferred)
    return pool[int(rng.integers(len(pool)))]


def finish_contact(rng: np.random.Generator, person: Person, phone_pool: list[str]) -> dict:
    """The contacts.csv row of a person (tags, notes, email, phone filled in)."""
    # Featured contacts carry their own tags; generated ones get their archetype's.
    tags = list(person.tags) or [ARCHETYPE_TAGS.get(person.archetype, "")]
    group_tag = GROUPS[person.group][2]
    if group_tag not in tags:
        tags.append(group_tag)
    tags = [tag for tag in tags if tag]
    notes = person.notes
    if not notes and person.archetype in ARCHETYPE_NOTES:
        since = person.since or person.first
        template = pick(rng, ARCHETYPE_NOTES[person.archetype], 1)[0]
        notes = template.format(event=EVENT_NAMES[person.group], since=month_name(since),
                                since_year=str(since.astype("datetime64[Y]")))
    email = contact_email(rng, person)
    phone = phone_pool.pop() if rng.random() < 0.88 else ""
    return {
        "id": person.id, "name": person.name, "company": person.company,
        "profession": person.profession, "services": "; ".join(person.services),
        "tags": "; ".join(tags), "email": email, "phone": phone,
        "character": "" if person.character is None else str(person.character),
        "competency": "" if person.competency is None else str(person.competency),
        "notes": notes,
    }


def contact_email(rng: np.random.Generator, person: Person) -> str:
    """A fake address on an example.* domain, or nothing for some people."""
    if rng.random() < 0.08:
        return ""
    parts = [ascii_slug(p) for p in person.name.replace("Dr ", "").split()]
    local = f"{parts[0]}.{parts[-1]}"
    if person.company:
        return f"{parts[0]}@{company_domain(person.company)}"
    return f"{local}@example.net"


def company_domain(company: str) -> str:
    """A fake domain from the first two words of a company name."""
    words = [ascii_slug(word) for word in company.split()]
    return "".join([w for w in words if w][:2]) + ".example.com"


def phone_numbers(rng: np.random.Generator, count: int) -> list[str]:
    """Distinct fake phone numbers from Ofcom's drama ranges (mobile and London)."""
    mobiles = [f"+44 7700 900{n:03d}" for n in range(2, 1000)]
    landlines = [f"+44 20 7946 0{n:03d}" for n in range(1000)]
    pool = mobiles + landlines
    return [pool[i] for i in rng.choice(len(pool), count, replace=False)]


def month_name(date: np.datetime64) -> str:
    """E.g. "March 2024"."""
    return pd.Timestamp(date).strftime("%B %Y")


# --------------------------------------------------------------------------- consultant rhythms


def rhythm_partner(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """Monthly 1-to-1s for years, referrals and business both ways."""
    start = p.since or CONSULTANT_START + days(rng.integers(0, 330))
    end = END - days(rng.integers(0, 15))
    months = (end - start) / np.timedelta64(30, "D")
    pair = ("me", p.id)
    ledger.add(weekdays(recurring(rng, start, end, 30, 6, 0.08)), *pair, "one_to_one")
    ledger.add(weekdays(recurring(rng, start, end, 21, 7, 0.3)), *pair, "call")
    ledger.add(scattered(rng, start, end, months * 1.1), *pair, "email")
    ledger.add(scattered(rng, start, end, months * 0.9), *pair, "message")
    ledger.add(scattered(rng, start, end, months * 0.7), *pair, "social")
    ledger.add(calendar_dates(rng, p.group, start, end, 0.25), *pair, "event",
               notes=EVENT_NAMES[p.group])
    add_referrals(ledger, rng, recurring(rng, start + days(45), end, 70, 25, 0.2), "me", p)
    add_referrals(ledger, rng, recurring(rng, start + days(60), end, 80, 25, 0.2), p, "me")
    add_business(ledger, rng, recurring(rng, start + days(100), end, 140, 40), p, "me",
                 1500, 15000)
    add_business(ledger, rng, recurring(rng, start + days(150), end, 300, 60), "me", p,
                 500, 6000)
    p.first, p.last = start, end


def rhythm_trusted(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """A 1-to-1 every few months for years; the owner refers them now and then."""
    start = p.since or CONSULTANT_START + days(rng.integers(0, 700))
    end = END - days(rng.integers(0, 60))
    months = (end - start) / np.timedelta64(30, "D")
    pair = ("me", p.id)
    ledger.add(weekdays(recurring(rng, start, end, 95, 20, 0.1)), *pair, "one_to_one")
    ledger.add(weekdays(recurring(rng, start, end, 75, 20, 0.3)), *pair, "call")
    ledger.add(scattered(rng, start, end, months * 0.45), *pair, "email")
    ledger.add(scattered(rng, start, end, months * 0.2), *pair, "message")
    ledger.add(scattered(rng, start, end, months * 0.3), *pair, "social")
    ledger.add(calendar_dates(rng, p.group, start, end, 0.1), *pair, "event",
               notes=EVENT_NAMES[p.group])
    add_referrals(ledger, rng, recurring(rng, start + days(90), end, 190, 60, 0.3), "me", p)
    add_referrals(ledger, rng, recurring(rng, start + days(120), end, 330, 60, 0.4), p, "me")
    if rng.random() < 0.35:
        add_business(ledger, rng, scattered(rng, start + days(120), end, 1), p, "me", 800, 8000)
    p.first, p.last = start, end


def rhythm_client(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """Met 1-3 months before the engagement; fortnightly meetings and monthly invoices."""
    start = END - days(rng.integers(90, 540))
    end = END - days(rng.integers(0, 10))
    months = (end - start) / np.timedelta64(30, "D")
    pair = ("me", p.id)
    met = start - days(rng.integers(20, 90))
    ledger.add(met, *pair, "card" if rng.random() < 0.5 else "event")
    ledger.add(weekdays(met + days(rng.integers(7, 18, 1))), *pair, "one_to_one",
               notes="discovery 1-to-1")
    ledger.add(weekdays(recurring(rng, start, end, 18, 4, 0.15)), *pair, "meeting")
    ledger.add(weekdays(recurring(rng, start, end, 21, 5, 0.35)), *pair, "call")
    ledger.add(scattered(rng, start, end, months * 1.5), *pair, "email")
    ledger.add(scattered(rng, start, end, months * 0.5), *pair, "message")
    retainer = amounts(rng, 1, 750, 3500)[0]
    invoices = weekdays(recurring(rng, start + days(28), end, 30, 3))
    ledger.add(invoices, p.id, "me", "business", value=retainer,
               notes=f"monthly retainer: {pick(rng, OWNER_SERVICES, 1)[0]}")
    if rng.random() < 0.3:
        add_referrals(ledger, rng, scattered(rng, start + days(60), end, 1), p, "me")
    p.first, p.last, p.since = met, end, start


def rhythm_past_client(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """A project years ago, then sporadic calls and emails."""
    start = p.since or CONSULTANT_START + days(rng.integers(0, 560))
    finish = start + days(rng.integers(90, 360))
    last = max(finish + days(60), END - days(rng.integers(60, 500)))
    pair = ("me", p.id)
    months = (finish - start) / np.timedelta64(30, "D")
    ledger.add(weekdays(recurring(rng, start, finish, 21, 5, 0.15)), *pair, "meeting")
    ledger.add(scattered(rng, start, finish, months * 2.5), *pair, "email")
    ledger.add(weekdays(recurring(rng, start, finish, 20, 5, 0.4)), *pair, "call")
    invoices = weekdays(scattered(rng, start + days(20), finish, rng.integers(2, 7)))
    add_business(ledger, rng, invoices, p, "me", 1000, 20000)
    ledger.add(weekdays(recurring(rng, finish + days(120), last, 200, 60, 0.3)), *pair, "call")
    ledger.add(recurring(rng, finish + days(60), last, 150, 50, 0.3), *pair, "email")
    ledger.add(scattered(rng, finish, last, rng.integers(0, 6)), *pair, "social")
    ledger.add(weekdays(scattered(rng, finish + days(90), last, rng.integers(0, 3))), *pair,
               "one_to_one")
    ledger.add(last, *pair, "call")
    if rng.random() < 0.4:
        add_referrals(ledger, rng, scattered(rng, finish, last, rng.integers(1, 3)), p, "me")
    p.first, p.last, p.since = start, last, start


def rhythm_cold(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """Strong two to three years ago, then nothing for the last 12-18 months."""
    start = CONSULTANT_START + days(rng.integers(0, 200))
    end = END - days(rng.integers(380, 540))
    months = (end - start) / np.timedelta64(30, "D")
    pair = ("me", p.id)
    ledger.add(weekdays(recurring(rng, start, end, 35, 7, 0.1)), *pair, "one_to_one")
    ledger.add(weekdays(recurring(rng, start, end, 45, 10, 0.3)), *pair, "call")
    ledger.add(scattered(rng, start, end, months * 0.6), *pair, "email")
    ledger.add(scattered(rng, start, end, months * 0.5), *pair, "social")
    ledger.add(calendar_dates(rng, p.group, start, end, 0.2), *pair, "event",
               notes=EVENT_NAMES[p.group])
    add_referrals(ledger, rng, recurring(rng, start + days(60), end, 120, 30, 0.3), "me", p)
    add_referrals(ledger, rng, recurring(rng, start + days(90), end, 150, 30, 0.3), p, "me")
    ledger.add(weekdays(np.atleast_1d(end)), *pair, "one_to_one")
    p.first, p.last = start, end


def rhythm_new(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """Met in the last 2-3 months at an event or over cards, then one 1-to-1."""
    met = p.since or END - days(rng.integers(14, 90))
    pair = ("me", p.id)
    if rng.random() < 0.6:
        ledger.add(met, *pair, "event", notes=EVENT_NAMES[p.group])
    else:
        ledger.add(met, *pair, "card", notes="swapped cards")
    follow_up = weekdays(np.atleast_1d(met + days(rng.integers(6, 30))))
    ledger.add(follow_up[follow_up <= END], *pair, "one_to_one", notes="first 1-to-1")
    ledger.add(scattered(rng, met, END, rng.integers(0, 3)), *pair, "message")
    p.first, p.last, p.since = met, END, met


def rhythm_just_met(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """A single card or event in the last fortnight."""
    if p.since is not None:
        met, kind, note = p.since, "card", "swapped cards at the business expo"
    else:
        met, kind, note = END - days(rng.integers(2, 14)), "card", "swapped cards"
    ledger.add(met, "me", p.id, kind, notes=note)
    p.first, p.last, p.since = met, met, met


def rhythm_one_off(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """One card or event, years ago."""
    met = one_date(rng, CONSULTANT_START, END - days(730))
    ledger.add(met, "me", p.id, "card" if rng.random() < 0.5 else "event")
    p.first, p.last = met, met


def rhythm_linkedin(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """Likes, comments and the occasional LinkedIn message."""
    start = one_date(rng, CONSULTANT_START, END - days(60))
    count = int(rng.integers(2, 11))
    dates = scattered(rng, start, END, count)
    kinds = np.where(rng.random(count) < 0.7, "social", "message")
    for kind in ("social", "message"):
        ledger.add(dates[kinds == kind], "me", p.id, kind)
    p.first, p.last = dates.min(), dates.max()


def rhythm_acquaintance(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """The odd event, email, call or 1-to-1 over the years."""
    start = one_date(rng, CONSULTANT_START, END - days(180))
    events = calendar_dates(rng, p.group, start, END, 0.06)[:8]
    ledger.add(events, "me", p.id, "event", notes=EVENT_NAMES[p.group])
    ledger.add(scattered(rng, start, END, rng.integers(1, 5)), "me", p.id, "email")
    ledger.add(scattered(rng, start, END, rng.integers(0, 3)), "me", p.id, "social")
    ledger.add(weekdays(scattered(rng, start, END, rng.integers(0, 2))), "me", p.id, "call")
    ledger.add(weekdays(scattered(rng, start, END, 0.4)), "me", p.id, "one_to_one")
    ledger.add(start, "me", p.id, "card")
    p.first = start


def rhythm_lukewarm(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """Two 1-to-1s, one referral that went so-so, then likes and emails."""
    start = p.since or CONSULTANT_START + days(rng.integers(200, 600))
    ledger.add(start, "me", p.id, "event", notes=EVENT_NAMES[p.group])
    ledger.add(weekdays(start + days(np.array([14, 120]) + rng.integers(0, 10, 2))), "me",
               p.id, "one_to_one")
    add_referrals(ledger, rng, np.atleast_1d(start + days(150)), "me", p)
    ledger.add(scattered(rng, start, END, rng.integers(2, 6)), "me", p.id, "email")
    ledger.add(scattered(rng, start, END, rng.integers(1, 6)), "me", p.id, "social")
    p.first = start


def rhythm_friend(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """Messages, calls, lunches and rides together."""
    start = CONSULTANT_START + days(rng.integers(0, 60))
    months = (END - start) / np.timedelta64(30, "D")
    pair = ("me", p.id)
    ledger.add(recurring(rng, start, END, 30, 8, 0.2), *pair, "message")
    ledger.add(recurring(rng, start, END, 60, 15, 0.2), *pair, "call")
    ledger.add(scattered(rng, start, END, months * 0.5), *pair, "social")
    ledger.add(weekdays(recurring(rng, start, END, 90, 20, 0.2)), *pair, "one_to_one",
               notes="lunch")
    ledger.add(calendar_dates(rng, "cycling club", start, END, 0.08), *pair, "event",
               notes=EVENT_NAMES["cycling club"])
    if "job seeker" in p.tags:
        lost_job = END - days(rng.integers(20, 45))
        ledger.add(scattered(rng, lost_job, END, 3), *pair, "call",
                   notes="talked about the job hunt")
    p.first = start


def rhythm_supplier(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """The owner buys from them every month or two."""
    start = CONSULTANT_START + days(rng.integers(0, 500))
    months = (END - start) / np.timedelta64(30, "D")
    pair = ("me", p.id)
    add_business(ledger, rng, weekdays(recurring(rng, start, END, 75, 20, 0.2)), "me", p,
                 100, 2500)
    ledger.add(scattered(rng, start, END, months * 0.6), *pair, "email")
    ledger.add(weekdays(recurring(rng, start, END, 90, 20, 0.3)), *pair, "call")
    ledger.add(weekdays(recurring(rng, start, END, 240, 30, 0.3)), *pair, "one_to_one")
    p.first = start


def rhythm_connector(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """A single LinkedIn comment, two years ago."""
    ledger.add(np.datetime64("2024-09-17"), p.id, "me", "social",
               notes="commented on a LinkedIn post")


def rhythm_prospect(ledger: Ledger, rng: np.random.Generator, p: Person) -> None:
    """Not in touch with the owner at all."""


RHYTHMS: dict[str, Callable[[Ledger, np.random.Generator, Person], None]] = {
    "partner": rhythm_partner, "trusted": rhythm_trusted, "client": rhythm_client,
    "past_client": rhythm_past_client, "cold": rhythm_cold, "new": rhythm_new,
    "just_met": rhythm_just_met, "one_off": rhythm_one_off, "linkedin": rhythm_linkedin,
    "acquaintance": rhythm_acquaintance, "lukewarm": rhythm_lukewarm, "friend": rhythm_friend,
    "supplier": rhythm_supplier, "connector": rhythm_connector, "prospect": rhythm_prospect,
}


def party(who: Person | str) -> str:
    return who if isinstance(who, str) else who.id


def add_referrals(ledger: Ledger, rng: np.random.Generator, dates: np.ndarray,
                  giver: Person | str, receiver: Person | str) -> None:
    """Referral slips from giver to receiver, naming a service the receiver offers."""
    if len(dates) == 0:
        return
    services = receiver.services if isinstance(receiver, Person) else list(OWNER_SERVICES)
    notes = [f"referral: a client needing {s}" for s in pick(rng, services, len(dates))]
    ledger.add(weekdays(dates), party(giver), party(receiver), "referral", notes=notes)


def add_business(ledger: Ledger, rng: np.random.Generator, dates: np.ndarray,
                 giver: Person | str, receiver: Person | str, low: int, high: int) -> None:
    """Business given (or thanks for business closed), with money amounts."""
    if len(dates) == 0:
        return
    services = receiver.services if isinstance(receiver, Person) else list(OWNER_SERVICES)
    notes = [f"closed: {s}" for s in pick(rng, services, len(dates))]
    ledger.add(weekdays(dates), party(giver), party(receiver), "business",
               value=amounts(rng, len(dates), low, high), notes=notes)


# --------------------------------------------------------------------------- contact-to-contact


def tie_rows(ledger: Ledger, rng: np.random.Generator, a: Person, b: Person,
             strength: str) -> None:
    """Interactions between two contacts who know each other, starting at a random date.

    Contacts know each other independently of the owner, so these ties may
    predate (or outlast) the owner's own contact with either of them.
    """
    span = int((END - CONSULTANT_START) / np.timedelta64(1, "D"))
    start = CONSULTANT_START + days(rng.integers(0, span - 30))
    if strength == "weak":
        count = int(rng.integers(1, 4))
        kinds = pick(rng, ("event", "email", "social", "message", "card"), count)
        dates = scattered(rng, start, END, count)
        for kind in np.unique(kinds):
            ledger.add(dates[kinds == kind], a.id, b.id, str(kind))
        return
    every, length = (90, rng.integers(180, 540)) if strength == "medium" else (
        35, rng.integers(300, 900))
    end = min(END, start + days(length))
    ledger.add(weekdays(recurring(rng, start, end, every, every // 5, 0.15)), a.id, b.id,
               "one_to_one")
    ledger.add(scattered(rng, start, end, rng.integers(1, 4)), a.id, b.id, "call")
    ledger.add(scattered(rng, start, end, rng.integers(1, 5)), a.id, b.id, "email")
    if strength == "medium":
        if rng.random() < 0.4:
            add_referrals(ledger, rng, scattered(rng, start, end, 1), a, b)
        return
    add_referrals(ledger, rng, recurring(rng, start + days(30), end, 110, 30, 0.2), a, b)
    add_referrals(ledger, rng, recurring(rng, start + days(60), end, 130, 30, 0.2), b, a)
    add_business(ledger, rng, scattered(rng, start + days(60), end, rng.integers(0, 3)), a, b,
                 500, 12000)


def contact_ties(rng: np.random.Generator, people: list[Person]) -> dict[tuple[str, str], str]:
    """Which contacts know each other, and how well: groups, cross-links, the connector."""
    by_id = {p.id: p for p in people}
    # One-off and just-met contacts are leaves; prospects are wired up separately below.
    eligible = [p for p in people if p.archetype not in ("one_off", "just_met", "prospect")]
    ties: dict[tuple[str, str], str] = {}

    def tie(a: str, b: str, strength: str) -> None:
        if a != b:
            ties.setdefault((min(a, b), max(a, b)), strength)

    for a, b, strength in FEATURED_TIES:
        tie(f"c{a:04d}", f"c{b:04d}", strength)
    strengths = ("weak", "medium", "strong")
    for group in GROUPS:
        members = [p.id for p in eligible if p.group == group and p.archetype != "connector"]
        for member in members:
            for _ in range(int(rng.poisson(0.9))):
                other = members[int(rng.integers(len(members)))]
                tie(member, other, str(rng.choice(strengths, p=(0.6, 0.32, 0.08))))
    ids = [p.id for p in eligible if p.archetype != "connector"]
    for _ in range(45):
        a, b = rng.choice(ids, 2, replace=False)
        tie(str(a), str(b), str(rng.choice(strengths, p=(0.6, 0.35, 0.05))))
    connector = next(p.id for p in people if p.archetype == "connector")
    for other in rng.choice(ids, 75, replace=False):
        tie(connector, str(other), str(rng.choice(strengths, p=(0.55, 0.4, 0.05))))
    prospects = [p.id for p in people if p.archetype == "prospect" and p.id > FEATURED_LAST]
    anchors = [p.id for p in people if p.archetype in ("partner", "trusted", "client",
                                                       "past_client", "friend")]
    for index, prospect in enumerate(prospects):
        if index % 3 == 2:  # reachable only through another prospect: a path of length 3
            tie(prospect, prospects[index - 1], "medium")
        else:
            for anchor in rng.choice(anchors, int(rng.integers(1, 3)), replace=False):
                tie(prospect, str(anchor), str(rng.choice(("medium", "strong"))))
    return {pair: ties[pair] for pair in sorted(ties) if pair[0] in by_id and pair[1] in by_id}


def owner_introductions(ledger: Ledger, rng: np.random.Generator, people: list[Person]) -> None:
    """The owner introduces contacts to each other; some go on to meet."""
    pool = [p for p in people if p.archetype in ("partner", "trusted", "client", "past_client")]
    for _ in range(30):
        a, b = (pool[int(i)] for i in rng.choice(len(pool), 2, replace=False))
        lo, hi = max(a.first, b.first), min(a.last, b.last)
        if hi - lo < np.timedelta64(30, "D"):
            continue
        when = weekdays(np.atleast_1d(one_date(rng, lo, hi - days(21))))
        ledger.add(when, "me", a.id, "introduction", notes=f"introduced to {b.name}")
        if rng.random() < 0.7:
            ledger.add(weekdays(when + days(rng.integers(5, 21))), a.id, b.id, "one_to_one",
                       notes="1-to-1 after Sam's introduction")


def partner_introductions(ledger: Ledger, rng: np.random.Generator,
                          people: list[Person]) -> None:
    """Partners introduce the owner to some of the new contacts."""
    partners = [p for p in people if p.archetype == "partner"]
    newcomers = [p for p in people if p.archetype == "new"]
    for newcomer in newcomers[::3]:
        partner = partners[int(rng.integers(len(partners)))]
        ledger.add(newcomer.first - days(rng.integers(2, 10)), partner.id, "me",
                   "introduction", notes=f"introduced Sam to {newcomer.name}")
        tie_rows(ledger, rng, partner, newcomer, "medium")


# --------------------------------------------------------------------------- consultant assembly


def build_consultant(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The consultant's contacts and interactions."""
    people = featured_people()
    taken = {p.name for p in people} | {OWNER["name"]}
    people += bulk_people(rng, len(people) + 1, taken)
    ledger = Ledger(rng)
    for person in people:
        RHYTHMS[person.archetype](ledger, rng, person)
    by_id = {p.id: p for p in people}
    for (a, b), strength in contact_ties(rng, people).items():
        tie_rows(ledger, rng, by_id[a], by_id[b], strength)
    owner_introductions(ledger, rng, people)
    partner_introductions(ledger, rng, people)
    phones = phone_numbers(rng, len(people))
    contacts = pd.DataFrame([OWNER] + [finish_contact(rng, p, phones) for p in people],
                            columns=list(CONTACT_COLUMNS))
    return contacts, finalise_interactions(ledger.frame(), rng, timed_share=0.06)


# --------------------------------------------------------------------------- chapter


@dataclass(frozen=True)
class Seat:
    """A chapter seat: one profession, its power team and typical deal sizes."""

    profession: str
    team: str
    low: int
    high: int
    services: str


CHAPTER_SEATS = tuple(Seat(*row) for row in (
    ("Business coach", "business", 800, 6000, "business coaching; leadership; accountability"),
    ("Accountant", "business", 600, 8000, "accounts; tax returns; Xero; management accounts"),
    ("Commercial solicitor", "business", 1000, 12000, "contracts; disputes; company law"),
    ("Conveyancing solicitor", "property", 800, 3000, "conveyancing; remortgages; leases"),
    ("Mortgage broker", "property", 500, 3000, "mortgages; remortgages; buy-to-let"),
    ("Estate agent", "property", 1500, 9000, "residential sales; valuations; lettings"),
    ("Financial adviser", "business", 1000, 10000, "pensions; investments; protection"),
    ("Insurance broker", "business", 300, 5000, "business insurance; liability; fleet"),
    ("Bookkeeper", "business", 300, 3000, "bookkeeping; payroll; VAT"),
    ("Web designer", "marketing", 1000, 8000, "web design; WordPress; e-commerce"),
    ("SEO consultant", "marketing", 500, 5000, "SEO; Google Ads; local search"),
    ("Social media manager", "marketing", 400, 4000, "social media; LinkedIn; content"),
    ("Graphic designer", "marketing", 300, 3000, "branding; logos; brochures"),
    ("Printer", "marketing", 200, 2500, "printing; signage; banners"),
    ("Photographer", "events", 300, 3000, "headshots; events; products"),
    ("Videographer", "marketing", 800, 6000, "promo videos; events; animation"),
    ("Copywriter", "marketing", 300, 2500, "copywriting; blogs; case studies"),
    ("IT support", "business", 500, 8000, "IT support; Microsoft 365; backup"),
    ("Telecoms", "business", 300, 4000, "VoIP; broadband; mobiles"),
    ("Commercial cleaner", "property", 400, 6000, "office cleaning; deep cleans"),
    ("Builder", "property", 3000, 15000, "extensions; renovations; lofts"),
    ("Plumber", "property", 200, 6000, "boilers; bathrooms; heat pumps"),
    ("Electrician", "property", 200, 6000, "rewires; EV chargers; testing"),
    ("Architect", "property", 2000, 15000, "planning; extensions; new builds"),
    ("Interior designer", "property", 1000, 10000, "interiors; home staging; fit-outs"),
    ("Landscape gardener", "property", 800, 12000, "garden design; patios; fencing"),
    ("Roofer", "property", 500, 9000, "roof repairs; flat roofs; guttering"),
    ("Kitchen fitter", "property", 3000, 15000, "kitchens; worktops; appliances"),
    ("HR consultant", "business", 500, 6000, "HR advice; contracts; disciplinaries"),
    ("Recruiter", "business", 2000, 12000, "permanent recruitment; temps"),
    ("Florist", "events", 200, 2500, "weddings; corporate flowers; funerals"),
    ("Caterer", "events", 400, 6000, "event catering; buffets; weddings"),
    ("Event planner", "events", 800, 9000, "events; conferences; parties"),
    ("Travel agent", "events", 500, 8000, "business travel; holidays; groups"),
    ("Dentist", "health", 200, 5000, "dentistry; implants; whitening"),
    ("Physiotherapist", "health", 200, 2000, "sports injuries; back pain; rehab"),
    ("Personal trainer", "health", 200, 2500, "personal training; corporate fitness"),
    ("Chiropractor", "health", 200, 1500, "chiropractic; posture; back pain"),
    ("Will writer", "property", 200, 2000, "wills; powers of attorney; probate"),
    ("Vehicle leasing", "business", 500, 8000, "car leasing; van leasing; EV leasing"),
))
VISITOR_PROFESSIONS = ("Dog groomer", "Osteopath", "Tutor", "Translator", "Locksmith",
                       "Signwriter", "Yoga teacher", "Optician", "Surveyor", "Nutritionist")
LEAVERS = 8
REPLACEMENTS = 6
VISITORS = 30


@dataclass
class Member:
    """A chapter member (or visitor) and the dates they are around."""

    id: str
    name: str
    seat: Seat
    joined: np.datetime64
    left: np.datetime64
    reliability: float
    giving: float
    tags: list[str]
    notes: str


def chapter_members(rng: np.random.Generator) -> list[Member]:
    """The 40 founding seats, the leavers and the replacements who take their seats."""
    names = unique_names(rng, len(CHAPTER_SEATS) + REPLACEMENTS, set())
    members = []
    for number, seat in enumerate(CHAPTER_SEATS, start=1):
        members.append(Member(
            id=f"m{number:02d}", name=names[number - 1], seat=seat, joined=CHAPTER_START,
            left=END, reliability=float(rng.uniform(0.7, 0.99)),
            giving=float(rng.gamma(3.0, 1.1)), tags=["member"],
            notes=f"Member since {2016 + int(rng.integers(0, 8))}.",
        ))
    members[0].tags.append("president")
    members[0].notes = "Chapter president."
    leavers = 1 + rng.choice(len(CHAPTER_SEATS) - 1, LEAVERS, replace=False)
    for order, index in enumerate(sorted(int(i) for i in leavers)):
        leaver = members[index]
        leaver.left = CHAPTER_START + days(rng.integers(120, 600))
        leaver.tags = ["former member"]
        leaver.notes = f"Left the chapter on {leaver.left}."
        if order < REPLACEMENTS:
            members.append(replacement_for(rng, leaver, len(members) + 1, names[len(members)]))
    return members


def replacement_for(rng: np.random.Generator, leaver: Member, number: int, name: str) -> Member:
    """A new member who takes a leaver's seat a few weeks later."""
    joined = leaver.left + days(rng.integers(28, 100))
    return Member(
        id=f"m{number:02d}", name=name, seat=leaver.seat, joined=joined, left=END,
        reliability=float(rng.uniform(0.8, 0.97)), giving=float(rng.gamma(3.0, 0.4)),
        tags=["member"], notes=f"Joined the chapter on {joined}, taking the "
                               f"{leaver.seat.profession} seat.",
    )


def chapter_visitors(rng: np.random.Generator, meetings: np.ndarray,
                     names: list[str]) -> list[tuple[Member, np.ndarray]]:
    """Visitors and the one to three meetings each attends."""
    visitors = []
    for number in range(1, VISITORS + 1):
        profession = VISITOR_PROFESSIONS[int(rng.integers(len(VISITOR_PROFESSIONS)))]
        first = int(rng.integers(0, len(meetings) - 3))
        attended = meetings[first + np.sort(rng.choice(4, int(rng.integers(1, 4)),
                                                       replace=False))]
        seat = Seat(profession, "visitor", 0, 0, profession.lower())
        visitor = Member(
            id=f"v{number:02d}", name=names[number - 1], seat=seat, joined=attended[0],
            left=attended[-1] + days(30), reliability=0.0, giving=0.0, tags=["visitor"],
            notes=f"Visited {len(attended)} time(s) from {month_name(attended[0])}.",
        )
        visitors.append((visitor, attended))
    return visitors


def weekly_meetings() -> np.ndarray:
    """Thursday meetings, with a break over Christmas."""
    first = np.busday_offset(CHAPTER_START, 0, roll="forward", weekmask="Thu")
    dates = first + days(np.arange(0, int((END - first) / np.timedelta64(1, "D")) + 1, 7))
    month_day = pd.DatetimeIndex(dates).strftime("%m-%d")
    christmas = (month_day >= "12-23") | (month_day <= "01-02")
    return dates[~christmas]


def seating_rows(ledger: Ledger, rng: np.random.Generator, date: np.datetime64,
                 attendees: list[str], table_size: int = 8) -> None:
    """Each attendee meets the people seated either side and, often, one more across."""
    order = [attendees[i] for i in rng.permutation(len(attendees))]
    sources, targets = [], []
    for start in range(0, len(order), table_size):
        table = order[start:start + table_size]
        size = len(table)
        if size < 2:
            continue
        for i in range(size if size > 2 else 1):
            sources.append(table[i])
            targets.append(table[(i + 1) % size])
            if size > 3 and rng.random() < 0.5:
                sources.append(table[i])
                targets.append(table[(i + 2) % size])
    ledger.add(np.full(len(sources), date), sources, targets, "event",
               notes=np.full(len(sources), "weekly chapter meeting", dtype=object))


PALMS_ABSENT = ("A", "M", "S")


def palms_rows(rng: np.random.Generator, date: np.datetime64, members: list[Member],
               attendance: list[tuple]) -> list[str]:
    """Each active member's PALMS status at one meeting; return who was in the room."""
    room = []
    for member in members:
        if not active(member, date):
            continue
        if rng.random() < member.reliability:
            status = "L" if rng.random() < 0.06 * (1.5 - member.reliability) * 2 else "P"
            room.append(member.id)
        else:
            status = PALMS_ABSENT[int(rng.choice(3, p=[0.55, 0.15, 0.30]))]
        attendance.append((str(date), member.id, status))
    return room


def chapter_slips(rng: np.random.Generator, members: list[Member], visitors,
                  months: np.ndarray) -> list[tuple]:
    """Visitor, testimonial and education slips: (date, kind, source, target, notes)."""
    slips = []
    for visitor, attended, host in visitors:
        slips.append((str(attended[0]), "visitor", host.id, visitor.id,
                      f"visitor: {visitor.seat.profession}"))
    for month in months:
        begin, finish = month_begin(month), min(month_end(month), END)
        present = [m for m in members if m.joined <= finish and m.left >= begin]
        for member in present:
            lo, hi = max(begin, member.joined), min(finish, member.left)
            if lo > hi:
                continue
            for _ in range(int(rng.poisson(0.25 * member.giving / 1.5))):
                other = present[int(rng.integers(len(present)))]
                if other is not member:
                    slips.append((str(one_date(rng, lo, hi)), "testimonial", member.id,
                                  other.id, f"testimonial for {other.name}"))
            for _ in range(int(rng.poisson(2.2 * member.reliability ** 4))):
                slips.append((str(one_date(rng, lo, hi)), "education", member.id, "",
                              "education credit"))
    return slips


def active(member: Member, date: np.datetime64) -> bool:
    return member.joined <= date <= member.left


def affinity_matrix(rng: np.random.Generator, members: list[Member]) -> np.ndarray:
    """How much members like working together: power teams attract, plus chemistry."""
    teams = np.array([m.seat.team for m in members])
    same_team = (teams[:, None] == teams[None, :]).astype(float)
    property_trio = np.isin([m.seat.profession for m in members],
                            ("Mortgage broker", "Estate agent", "Conveyancing solicitor"))
    trio = np.outer(property_trio, property_trio).astype(float)
    chemistry = rng.gamma(1.0, 1.0, (len(members), len(members)))
    weights = 1.0 + 4.0 * same_team + 6.0 * trio + (chemistry + chemistry.T) / 2
    np.fill_diagonal(weights, 0.0)
    return weights


def month_begin(month: np.datetime64) -> np.datetime64:
    return month.astype("datetime64[D]")


def month_end(month: np.datetime64) -> np.datetime64:
    return (month + 1).astype("datetime64[D]") - days(1)


def monthly_pairs(rng: np.random.Generator, members: list[Member], weights: np.ndarray,
                  month: np.datetime64, per_month: Callable[[Member], float]):
    """Yield (member, partner, date) for one month; partners drawn by weight.

    Only members present in the month take part, and each date falls while both
    are members.
    """
    begin, finish = month_begin(month), month_end(month)
    present = np.array([m.joined <= finish and m.left >= begin for m in members])
    for i, member in enumerate(members):
        if not present[i]:
            continue
        row = weights[i] * present
        for _ in range(int(rng.poisson(per_month(member)))):
            j = int(rng.choice(len(members), p=row / row.sum()))
            partner = members[j]
            lo = max(begin, member.joined, partner.joined)
            hi = min(finish, member.left, partner.left, END)
            if lo <= hi:
                yield member, partner, one_date(rng, lo, hi)


def chapter_business(ledger: Ledger, rng: np.random.Generator, giver: Member,
                     receiver: Member, referral_date: np.datetime64) -> None:
    """Close some referrals.

    Convention: when A's referral to B closes, B thanks A for the business, and
    that is recorded as ``business`` from A (source) to B (target) with the
    value of the deal: A's referral produced business for B.  This keeps the
    money flowing in the same direction as the referral that caused it.
    """
    if rng.random() >= 0.35:
        return
    closed = referral_date + days(rng.integers(14, 90))
    if closed > min(giver.left, receiver.left, END):
        return
    value = amounts(rng, 1, receiver.seat.low, receiver.seat.high)
    service = pick(rng, receiver.seat.services.split("; "), 1)[0]
    ledger.add(weekdays(np.atleast_1d(closed), min(giver.left, receiver.left, END)), giver.id,
               receiver.id, "business", value=value,
               notes=f"thank you for closed business: {service}")


def chapter_month(ledger: Ledger, rng: np.random.Generator, members: list[Member],
                  weights: np.ndarray, month: np.datetime64) -> None:
    """One month of 1-to-1s, referral slips, follow-up calls and closed business."""
    for a, b, date in monthly_pairs(rng, members, weights, month, lambda m: 1.2):
        ledger.add(weekdays(np.atleast_1d(date), min(a.left, b.left)), a.id, b.id,
                   "one_to_one")
    for giver, receiver, date in monthly_pairs(rng, members, weights ** 1.5, month,
                                               lambda m: m.giving):
        service = pick(rng, receiver.seat.services.split("; "), 1)[0]
        ledger.add(date, giver.id, receiver.id, "referral", notes=f"referral slip: {service}")
        if rng.random() < 0.3 and date + days(2) <= min(giver.left, receiver.left, END):
            ledger.add(date + days(2), receiver.id, giver.id, "call", notes="referral follow-up")
        chapter_business(ledger, rng, giver, receiver, date)


def power_team_meetings(ledger: Ledger, rng: np.random.Generator,
                        members: list[Member]) -> None:
    """Every other month each power team meets; members sit in a ring."""
    teams = sorted({m.seat.team for m in members})
    months = np.arange(CHAPTER_START.astype("datetime64[M]"), END.astype("datetime64[M]"), 2)
    for month in months:
        for team in teams:
            date = weekdays(np.atleast_1d(month_begin(month) + days(rng.integers(8, 20))))[0]
            present = [m.id for m in members if m.seat.team == team and active(m, date)
                       and rng.random() < 0.8]
            if len(present) > 2:
                ledger.add(np.full(len(present), date), present, np.roll(present, -1),
                           "meeting", notes=f"{team} power team")


def visitor_rows(ledger: Ledger, rng: np.random.Generator, members: list[Member],
                 visitor: Member, attended: np.ndarray) -> Member:
    """Cards at the first visit, an introduction by the president, maybe a 1-to-1."""
    present = [m for m in members if active(m, attended[0])]
    chosen = [present[int(i)] for i in rng.choice(len(present), int(rng.integers(2, 5)),
                                                  replace=False)]
    ledger.add(np.full(len(chosen), attended[0]), visitor.id, [m.id for m in chosen], "card")
    host = chosen[0]
    ledger.add(attended[0], "m01", visitor.id, "introduction",
               notes=f"introduced to {host.name} ({host.seat.profession})")
    if rng.random() < 0.4:
        ledger.add(weekdays(np.atleast_1d(attended[0] + days(rng.integers(3, 14)))), visitor.id,
                   host.id, "one_to_one")
    if rng.random() < 0.5:
        ledger.add(attended[0] + days(1), visitor.id, host.id, "social",
                   notes="connected on LinkedIn")
    return host


def chapter_socials(ledger: Ledger, rng: np.random.Generator, members: list[Member]) -> None:
    """Emails, messages and likes among members, spread over their membership."""
    for member in members:
        span = (member.left - member.joined) / np.timedelta64(30, "D")
        for kind, per_month in (("email", 0.3), ("message", 0.25), ("social", 0.2)):
            dates = scattered(rng, member.joined, member.left, span * per_month)
            for date in dates:
                others = [m for m in members if m is not member and active(m, date)]
                other = others[int(rng.integers(len(others)))]
                ledger.add(date, member.id, other.id, kind)


def build_chapter(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The chapter's contacts and interactions, and its members, attendance and slips."""
    members = chapter_members(rng)
    meetings = weekly_meetings()
    visitor_names = unique_names(rng, VISITORS, {m.name for m in members})
    visitors = chapter_visitors(rng, meetings, visitor_names)
    ledger = Ledger(rng)
    attendance: list[tuple] = []
    for date in meetings:
        attendees = palms_rows(rng, date, members, attendance)
        attendees += [v.id for v, attended in visitors if date in attended]
        seating_rows(ledger, rng, date, attendees)
    weights = affinity_matrix(rng, members)
    months = np.arange(CHAPTER_START.astype("datetime64[M]"), END.astype("datetime64[M]") + 1)
    for month in months:
        chapter_month(ledger, rng, members, weights, month)
    power_team_meetings(ledger, rng, members)
    hosted = [(visitor, attended, visitor_rows(ledger, rng, members, visitor, attended))
              for visitor, attended in visitors]
    chapter_socials(ledger, rng, members)
    slips = chapter_slips(rng, members, hosted, months)
    everyone = members + [v for v, _ in visitors]
    phones = phone_numbers(rng, len(everyone))
    contacts = pd.DataFrame([chapter_contact(rng, m, phones.pop()) for m in everyone],
                            columns=list(CONTACT_COLUMNS))
    records = {
        "members": pd.DataFrame(
            [(m.id, str(m.joined), "" if m.left >= END else str(m.left), m.seat.profession)
             for m in members], columns=["member", "joined", "left", "category"]),
        "attendance": pd.DataFrame(attendance, columns=["date", "member", "status"]),
        "slips": pd.DataFrame(slips, columns=["date", "kind", "source", "target", "notes"])
        .assign(value="")[["date", "kind", "source", "target", "value", "notes"]],
    }
    for name, frame in records.items():
        records[name] = frame.sort_values(list(frame.columns), kind="mergesort")
    return contacts, finalise_interactions(ledger.frame(), rng, timed_share=0.04), records


def chapter_contact(rng: np.random.Generator, member: Member, phone: str) -> dict:
    """The contacts.csv row of a chapter member or visitor."""
    surname = member.name.split()[-1]
    is_visitor = member.seat.team == "visitor"
    company = "" if is_visitor else f"{surname} {member.seat.profession.title()}"
    rated = member.seat.team != "visitor" and rng.random() < 0.5
    character = int(rng.integers(3, 6)) if rated else None
    first = ascii_slug(member.name.split()[0])
    return {
        "id": member.id, "name": member.name, "company": company,
        "profession": member.seat.profession, "services": member.seat.services,
        "tags": "; ".join(member.tags + ([f"{member.seat.team} team"]
                                         if member.seat.team != "visitor" else [])),
        "email": f"{first}@{company_domain(company or member.name)}",
        "phone": phone,
        "character": "" if character is None else str(character),
        "competency": "" if character is None else str(int(np.clip(
            character + rng.integers(-1, 2), 1, 5))),
        "notes": member.notes,
    }


# --------------------------------------------------------------------------- output


def uk_offset(day: pd.Series) -> pd.Series:
    """"+01:00" during British Summer Time (last Sunday of March to October), else "+00:00"."""
    stamps = pd.to_datetime(day)
    years = stamps.dt.year.astype(str)
    march = pd.to_datetime(years + "-03-31")
    october = pd.to_datetime(years + "-10-31")
    bst_start = march - pd.to_timedelta((march.dt.day_of_week + 1) % 7, unit="D")
    bst_end = october - pd.to_timedelta((october.dt.day_of_week + 1) % 7, unit="D")
    summer = (stamps >= bst_start) & (stamps < bst_end)
    return pd.Series(np.where(summer, "+01:00", "+00:00"), index=day.index)


def finalise_interactions(rows: pd.DataFrame, rng: np.random.Generator,
                          timed_share: float) -> pd.DataFrame:
    """Clip to the period, drop self-loops and duplicates, add some times, sort."""
    rows = rows[(rows["day"] <= END) & (rows["source"] != rows["target"])].copy()
    # A mutual row between a and b is the same row whichever way round it is written.
    source = rows["source"].to_numpy(dtype=object)
    target = rows["target"].to_numpy(dtype=object)
    swap = rows["kind"].isin(MUTUAL_KINDS).to_numpy() & (source > target)
    rows["key_a"] = np.where(swap, target, source)
    rows["key_b"] = np.where(swap, source, target)
    rows = rows.drop_duplicates(subset=["day", "key_a", "key_b", "kind"], keep="first")
    day_text = pd.Series(rows["day"].to_numpy().astype("datetime64[D]").astype(str),
                         index=rows.index)
    timed = rows["kind"].isin(TIMED_KINDS) & (rng.random(len(rows)) < timed_share)
    hours = rng.integers(8, 18, len(rows))
    minutes = rng.choice(["00", "15", "30", "45"], len(rows))
    clock = pd.Series([f"T{h:02d}:{m}:00" for h, m in zip(hours, minutes, strict=True)],
                      index=rows.index)
    rows["date"] = day_text.where(~timed, day_text + clock + uk_offset(rows["day"]))
    rows = rows.sort_values(["day", "date", "source", "target", "kind", "value", "notes"],
                            kind="mergesort")
    return rows[list(INTERACTION_COLUMNS)].reset_index(drop=True)


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to a temporary file beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_network(folder: Path, contacts: pd.DataFrame, interactions: pd.DataFrame,
                  owner: str, records: dict | None = None) -> None:
    """Write contacts.csv, interactions.csv, network.toml and any chapter records."""
    for name, frame in (records or {}).items():
        write_atomic(folder / f"{name}.csv", frame.to_csv(index=False, lineterminator="\n"))
    write_atomic(folder / "contacts.csv", contacts.to_csv(index=False, lineterminator="\n"))
    write_atomic(folder / "interactions.csv",
                 interactions.to_csv(index=False, lineterminator="\n"))
    # "Now" is pinned to the last day of data, so the samples' answers do not change
    # as the calendar moves on.
    write_atomic(folder / "network.toml",
                 f'owner = "{owner}"\nas_of = "{np.datetime_as_string(END, unit="D")}"\n')


def _sample_people() -> Callable[[str], str]:
    """``add_people_columns`` from the sibling script (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "sample_people", Path(__file__).resolve().with_name("sample_people.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.add_people_columns


def generate(out: Path) -> dict[str, tuple[int, int]]:
    """Generate both networks under ``out``; return (contacts, interactions) counts."""
    counts = {}
    builders = (("consultant", build_consultant, "me"), ("chapter", build_chapter, "m01"))
    for stream, (name, build, owner) in enumerate(builders):
        contacts, interactions, *records = build(np.random.default_rng([SEED, stream]))
        write_network(out / name, contacts, interactions, owner, *records)
        if name == "consultant":
            path = out / name / "contacts.csv"
            write_atomic(path, _sample_people()(path.read_text(encoding="utf-8")))
        counts[name] = (len(contacts), len(interactions))
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder to write consultant/ and chapter/ into "
                             "(default: the repository's sample_networks/)")
    args = parser.parse_args(argv)
    for name, (n_contacts, n_rows) in generate(args.out).items():
        print(f"{name}: {n_contacts} contacts, {n_rows} interactions -> {args.out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
