import pytest

from stationdesk.domain.masking import mask_address, mask_citizen_id, mask_name, mask_phone


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "138****5678"),
        ("0379-12345678", "0379-****5678"),
        ("0379-6123456", "0379-****3456"),
        ("010-12345678", "010-****5678"),
        ("+8613812345678", "****5678"),
        ("12345", "****2345"),
        ("123", "****"),
        ("", ""),
    ],
)
def test_mask_phone(number: str, masked: str) -> None:
    """Mobiles keep 3+4, landlines keep area code and last 4, anything else only the last 4."""
    assert mask_phone(number) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("11010519491231002X", "1***************2X"),
        ("440524188001010014", "4***************14"),
        ("110105491231002", "*" * 15),
        ("", ""),
    ],
)
def test_mask_citizen_id(value: str, masked: str) -> None:
    """18-character IDs keep the first 1 and last 2 characters; other lengths are all stars."""
    assert mask_citizen_id(value) == masked
    assert len(mask_citizen_id(value)) == len(value)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("李四", "李*"),
        ("欧阳娜娜", "欧*"),
        ("阿卜杜·买买提", "阿*"),
        ("John Smith", "J."),
        ("anna", "A."),
        ("Émile", "É*"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    """Chinese names keep the surname character, ASCII-initial names become an initial."""
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("address", "keep", "masked"),
    [
        ("河南省洛阳市西工区王城大道1号", 6, "河南省洛阳市…"),
        ("洛阳市西工区", 6, "洛阳市西工区"),
        ("西工区", 6, "西工区"),
        ("河南省洛阳市西工区", 3, "河南省…"),
        ("河南省", 0, "…"),
        ("", 6, ""),
    ],
)
def test_mask_address(address: str, keep: int, masked: str) -> None:
    """Addresses keep their first `keep` characters, with … only when something was cut."""
    assert mask_address(address, keep) == masked


def test_mask_address_default_keep_and_bad_keep() -> None:
    """The default keeps six characters; a negative keep is a programming error."""
    assert mask_address("河南省洛阳市西工区") == "河南省洛阳市…"
    with pytest.raises(ValueError):
        mask_address("河南省", -1)


def test_masks_never_reveal_the_hidden_middle() -> None:
    """The masked phone and ID do not contain the hidden middle digits."""
    assert "1234" not in mask_phone("13812345678")
    assert "19491231" not in mask_citizen_id("11010519491231002X")


def test_mask_in_text_masks_mobiles_and_id_numbers_but_not_other_numbers() -> None:
    """Free text keeps its words; phones and ID numbers inside it are masked."""
    from stationdesk.domain.masking import mask_in_text

    text = "我叫李四，电话13812345678，身份证11010519491231002X，15位号码110105491231002，门牌12号"
    masked = mask_in_text(text)
    assert masked == (
        "我叫李四，电话138****5678，身份证1***************2X，15位号码***************，门牌12号"
    )
    for written in ("+8613812345678", "008613812345678", "138-1234-5678", "138 1234 5678"):
        assert mask_in_text(f"电话{written}。") == "电话138****5678。", written
    assert mask_in_text("卡号6222020200112233445") == "卡号***************3445"
    assert mask_in_text("工单2026112600001") == "工单*********0001"  # long runs too
    assert mask_in_text("门牌12号，2026年，邮编471000") == "门牌12号，2026年，邮编471000"
    assert mask_in_text("") == ""
