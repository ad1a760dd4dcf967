"""Each event type's frame is a row of mappers/lexicons/event_frames.tsv: a linguist changes how a type
is filled, or adds a type, without reading Python."""
import shutil

import pytest

from khabar.extract import extract
from khabar.extract.knowledge import load_knowledge
from khabar.model import Article
from khabar.resources import mappers_path

CALL = "تلقى الرئيس عبدالفتاح السيسي اتصالا هاتفيا من الرئيس الأمريكي باراك أوباما في القاهرة أمس."


@pytest.fixture
def mappers(tmp_path):
    folder = tmp_path / "mappers"
    shutil.copytree(mappers_path(), folder)
    return folder


def with_frame(folder, event_type: str, column: str, value: str) -> None:
    path = folder / "lexicons" / "event_frames.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("type\t")).split("\t")
    for k, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0] == event_type:
            cells[header.index(column)] = value
            lines[k] = "\t".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def call(kb=None):
    [event] = extract(Article("t", CALL, "t.txt", published="2015-07-22"), kb).events
    return event


def test_the_shipped_frames_give_a_call_its_caller_and_no_place():
    event = call()
    assert event.type == "PhoneCall" and event.initiator == "barack_obama" and event.place is None


def test_a_frame_changed_in_the_data_changes_the_events(mappers):
    with_frame(mappers, "PhoneCall", "place", "yes")
    with_frame(mappers, "PhoneCall", "caller", "no")
    event = call(load_knowledge(str(mappers)))
    assert event.place == "cairo" and event.initiator is None


def test_a_trigger_of_a_type_with_no_frame_is_refused_by_name(mappers):
    triggers = mappers / "lexicons" / "event_triggers.tsv"
    triggers.write_text(triggers.read_text(encoding="utf-8") + "مأدبة\tBanquet\tnoun\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Banquet"):
        load_knowledge(str(mappers))


def test_a_frame_with_an_unknown_rule_is_refused_by_name(mappers):
    with_frame(mappers, "Summit", "parties", "everyone")
    with pytest.raises(ValueError, match="Summit"):
        load_knowledge(str(mappers))


ALONE = "ويأتي هذا اللقاء في إطار اهتمام وزارة العدل بتعميق روح الألفة بين منسوبيها."


def test_a_meeting_with_one_party_and_no_counterpart_is_no_event_unless_the_frame_says_so(mappers):
    assert extract(Article("t", ALONE, "t.txt", published="2015-07-22")).events == ()
    with_frame(mappers, "Meeting", "filled", "one")
    [event] = extract(Article("t", ALONE, "t.txt", published="2015-07-22"), load_knowledge(str(mappers))).events
    assert event.type == "Meeting" and len(event.participants) == 1


def test_a_frame_filled_by_an_unknown_rule_is_refused_by_name(mappers):
    with_frame(mappers, "Visit", "filled", "many")
    with pytest.raises(ValueError, match="Visit"):
        load_knowledge(str(mappers))
