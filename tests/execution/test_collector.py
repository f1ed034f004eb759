import gc

from execution.collector import collector_paused


def test_the_collector_is_paused_in_the_block_and_enabled_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled_after() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_freeze_moves_what_was_made_out_of_the_collectors_reach() -> None:
    frozen = gc.get_freeze_count()
    try:
        with collector_paused(freeze=True):
            kept = [[number] for number in range(1000)]
        assert gc.get_freeze_count() >= frozen + len(kept)
    finally:
        gc.unfreeze()
    assert gc.isenabled()
