from datetime import date

import pytest
from django.core.management import CommandError, call_command

from forum.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_it_loads_the_district_and_its_35_municipalities():
    district = Organisation.objects.get(ags="08336")
    assert district.kind == Organisation.Kind.DISTRICT
    assert district.name == "Landkreis Lörrach"
    assert district.population == 238263
    municipalities = Organisation.objects.municipalities().filter(district=district)
    assert municipalities.count() == 35
    loerrach = municipalities.get(ags="08336050")
    assert loerrach.kind == Organisation.Kind.CITY
    assert loerrach.official_kind == "Große Kreisstadt"
    assert loerrach.population_date == date(2024, 12, 31)
    assert loerrach.latitude is not None


def test_loading_twice_changes_nothing(capsys):
    history_before = Organisation.history.count()
    call_command("load_district", "08336")
    assert "0 angelegt, 0 aktualisiert" in capsys.readouterr().out
    assert Organisation.history.count() == history_before


def test_newer_figures_update_and_are_recorded():
    binzen = Organisation.objects.get(ags="08336008")
    binzen.population = 1000
    binzen.save()
    call_command("load_district", "08336")
    binzen.refresh_from_db()
    assert binzen.population == 2988
    latest = binzen.history.first()
    assert latest.history_change_reason == "Amtliche Daten aktualisiert"
    assert latest.population == 2988


def test_it_loads_any_other_district():
    call_command("load_district", "09162")  # München, Landeshauptstadt (kreisfrei)
    munich = Organisation.objects.get(ags="09162")
    assert munich.population > 1_000_000


def test_an_unknown_key_is_a_clear_error():
    with pytest.raises(CommandError, match="Kein Kreis"):
        call_command("load_district", "99999")
