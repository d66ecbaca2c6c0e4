"""Showing results: terminal tables, charts, network pictures and the monthly report.

Importing this package registers every result's terminal view with :func:`to_text`.
"""

from refgraph.show import answers as answers  # registers the judge results' views
from refgraph.show import stats as stats  # registers the stats view with to_text
from refgraph.show.charts import business_value_per_month as business_value_per_month
from refgraph.show.charts import fading_relationships as fading_relationships
from refgraph.show.charts import referrals_per_month as referrals_per_month
from refgraph.show.charts import stages_over_time as stages_over_time
from refgraph.show.charts import top_givers_receivers as top_givers_receivers
from refgraph.show.importing import review_text as review_text
from refgraph.show.page import picture_html as picture_html
from refgraph.show.page import show_notebook as show_notebook
from refgraph.show.page import write_html as write_html
from refgraph.show.picture import to_pyvis as to_pyvis
from refgraph.show.picture_style import COLOR_BY as COLOR_BY
from refgraph.show.report import monthly_report as monthly_report
from refgraph.show.report import write_report as write_report
from refgraph.show.report_data import parse_month as parse_month
from refgraph.show.tables import text_table as text_table
from refgraph.show.text import FORMATS as FORMATS
from refgraph.show.text import render as render
from refgraph.show.text import to_text as to_text

__all__ = [
    "COLOR_BY",
    "FORMATS",
    "business_value_per_month",
    "fading_relationships",
    "monthly_report",
    "parse_month",
    "picture_html",
    "referrals_per_month",
    "render",
    "review_text",
    "show_notebook",
    "stages_over_time",
    "text_table",
    "to_pyvis",
    "to_text",
    "top_givers_receivers",
    "write_html",
    "write_report",
]
