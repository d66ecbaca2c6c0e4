"""Reading and writing: CSV tables, settings, dates, atomic writes and backups."""

from refgraph.io.backups import backup_file as backup_file
from refgraph.io.convert import CONVERT_FORMATS as CONVERT_FORMATS
from refgraph.io.convert import ConvertResult as ConvertResult
from refgraph.io.convert import convert_network as convert_network
from refgraph.io.files import safe_csv_frame as safe_csv_frame
from refgraph.io.files import write_atomic as write_atomic
from refgraph.io.load import load_network as load_network
from refgraph.io.pages import prefer_small_pages as prefer_small_pages
from refgraph.io.progress import auto_progress as auto_progress
from refgraph.io.settings import DIRECTED_KINDS as DIRECTED_KINDS
from refgraph.io.settings import ENGINES as ENGINES
from refgraph.io.settings import KINDS as KINDS
from refgraph.io.settings import STAGES as STAGES
from refgraph.io.settings import Settings as Settings
from refgraph.io.settings_load import load_settings as load_settings
