"""FileLog is append-only: the database refuses any UPDATE (and on PostgreSQL any DELETE) of its rows."""
from django.db import migrations

PG = """
CREATE OR REPLACE FUNCTION casefiles_filelog_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'casefiles_filelog is append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER casefiles_filelog_no_update BEFORE UPDATE OR DELETE ON casefiles_filelog
FOR EACH ROW EXECUTE FUNCTION casefiles_filelog_append_only();
"""
PG_DROP = """DROP TRIGGER IF EXISTS casefiles_filelog_no_update ON casefiles_filelog;
DROP FUNCTION IF EXISTS casefiles_filelog_append_only();"""
# SQLite: UPDATE only — the test runner's flush empties tables with DELETE (PostgreSQL's uses TRUNCATE).
SQLITE = """CREATE TRIGGER casefiles_filelog_no_update BEFORE UPDATE ON casefiles_filelog
BEGIN SELECT RAISE(ABORT, 'casefiles_filelog is append-only'); END;"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS casefiles_filelog_no_update;"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("casefiles", "0001_casefiles_files_and_log")]
    operations = [migrations.RunPython(forwards, backwards)]
