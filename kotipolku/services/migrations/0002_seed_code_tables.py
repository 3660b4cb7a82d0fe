"""Fill the code tables from the fixed code lists (codes.py). Safe to run again; later code
additions get their own migration calling the same function."""

from django.db import migrations


def seed(apps, schema_editor):
    from kotipolku.services.codes import CategoryCode, LanguageCode, MunicipalityCode, TargetGroupCode

    for model_name, codes in (
        ("Category", CategoryCode.values),
        ("TargetGroup", TargetGroupCode.values),
        ("Language", LanguageCode.values),
        ("Municipality", MunicipalityCode.values),
    ):
        model = apps.get_model("services", model_name)
        for code in codes:
            model.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("services", "0001_service_compass")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
