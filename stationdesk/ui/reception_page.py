"""The reception page (接待登记): register a visit and its issues, keyboard-first, with drafts.

Keys: Enter moves to the next field (in multi-line text Enter is a new line and Ctrl+Enter moves
on); Ctrl+↓ / Ctrl+↑ jump to the next / previous part of the form; Ctrl+N adds an issue; Ctrl+S
saves; Esc clears after a confirm. Everything typed is autosaved as a draft (form "reception")
every few seconds while the form is dirty and whenever focus leaves a field, on the DB thread, so
typing never waits for the disk. A saved visit is announced ("已保存：案件编号 …") only after
register_visit has committed; a refused one keeps every character and shows the reason at the
field.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from stationdesk.domain.enums import Channel
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.validators import validate_phone
from stationdesk.services.dto import VisitInput
from stationdesk.ui.dialogs import confirm_destructive
from stationdesk.ui.errors import message_for, message_with_field
from stationdesk.ui.formatting import recent_time
from stationdesk.ui.receipt_preview import ReceiptPreviewDialog
from stationdesk.ui.reception_issue import CONTENT_MAX as CONTENT_MAX
from stationdesk.ui.reception_issue import SHORT_MAX as SHORT_MAX
from stationdesk.ui.reception_issue import IssueBlock
from stationdesk.ui.reception_jobs import (
    RESIDENT_LOOKUP_LIMIT,
    drop_draft,
    hotline_case_numbers,
    load_notice,
    load_reference,
    load_start,
    resident_cases,
    save_visit,
    store_draft,
)
from stationdesk.ui.reception_widgets import (
    CalmSpinBox,
    ChoiceCombo,
    Field,
    PopupEnter,
    SearchCombo,
    changed_signal,
    field_caption,
    field_column,
)
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import ALERT_RED

if TYPE_CHECKING:
    from stationdesk.services.cases import CaseRow
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.drafts import Draft
    from stationdesk.services.dto import RegisteredVisit
    from stationdesk.services.reference import ReferenceData

log = logging.getLogger(__name__)

AUTOSAVE_MS = 3000
LOOKUP_DELAY_MS = 400
MAX_LISTED_CASES = 5
CONTENT_MAX_WIDTH = 1120  # wider lines are hard to read on a large screen
# Entities whose changes alter the pick lists of this form.
REFERENCE_ENTITIES = ("category", "department", "grid", "deputy", "duty_shift")
DRAFT_VERSION = 1

_ISSUE_FIELD = re.compile(r"issues\[(\d+)\]\.(\w+)")
# Arrow keys on 办理方式 step through the three tracks (independent of the buttons' geometry).
_ARROW_STEP = {
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Down: 1,
}

PAGE_STYLE = f"""
#notice {{
    background: #fff8e1; border: 1px solid #f3d27a; border-radius: 4px; padding: 6px 10px;
    color: #5d4200;
}}
#warning {{
    background: #fdecea; border: 1px solid #f0b4ae; border-radius: 4px; padding: 6px 10px;
    color: #8e1c14;
}}
#receptionViewport, #receptionContent {{ background: #f3f5f8; }}
#counter {{ color: #7b8794; }}
#counter[alert="true"] {{ color: {ALERT_RED}; font-weight: bold; }}
#savedMessage {{ color: #1b5e20; font-weight: bold; }}
#actionBar {{ background: #ffffff; border-top: 1px solid #dde3ea; }}
#issueCard {{ background: #ffffff; border: 1px solid #c9d6e8; border-radius: 8px; }}
#issueTitle {{ font-size: 12.5pt; font-weight: bold; color: #174ea6; }}
#fieldLabel {{ color: #323f4b; }}
QLineEdit[error="true"], QPlainTextEdit[error="true"], QComboBox[error="true"] {{
    border: 1px solid {ALERT_RED};
}}
QPlainTextEdit {{ background: #ffffff; }}
QRadioButton, QCheckBox {{ spacing: 6px; padding: 3px 0px; }}
QComboBox, QDateEdit {{ min-height: 30px; }}
QListWidget#deputyList {{ background: #ffffff; border: 1px solid #dde3ea; }}
QListWidget#deputyList::item {{ padding: 3px 10px 3px 4px; }}
"""


def normalised_phone(text: str) -> str | None:
    """The stored form of a phone number as typed, or None while it is not a valid one."""
    if not text.strip():
        return None
    try:
        return validate_phone(text).number
    except ValidationError:
        return None


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


class ReceptionPage(QWidget):
    """接待登记: call attach(ctx) once the station is open; emits saved(RegisteredVisit)."""

    saved = Signal(object)

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receptionPage")
        self.setStyleSheet(PAGE_STYLE)
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self.reference: ReferenceData | None = None
        self.issues: list[IssueBlock] = []
        self._loading = False
        self._saving = False
        self._dirty = False
        self._draft_id: str | None = None
        self._draft_busy = False
        self._generation = 0
        self._resident_key: tuple[str, str] | None = None
        self._hotline_key: str | None = None
        self._filtered: set[QWidget] = set()
        self._focus_before_save: QWidget | None = None
        self.draft_offer: QMessageBox | None = None
        self.confirm_box: QMessageBox | None = None

        self._label_width = max(
            self.fontMetrics().horizontalAdvance(self.tr("村（社区）")) + 8,
            self.fontMetrics().horizontalAdvance(self.tr("在场代表")) + 8,
            84,
        )
        self._build()
        self._connect()
        self.add_issue(focus=False)
        self._update_tab_order()

    # --- building ---

    def _build(self) -> None:
        title = QLabel(self.tr("接待登记"))
        title.setObjectName("pageTitle")
        keys = QLabel(
            self.tr(
                "回车：下一项 · 多行文字中 Ctrl+回车：下一项 · Ctrl+↓：下一部分 · "
                "Ctrl+N：添加问题 · Ctrl+S：保存 · Esc：清空"
            )
        )
        keys.setObjectName("pageSubtitle")
        keys.setWordWrap(True)
        # The same notice the receipt prints: the clerk can read it out (PIPL art. 17).
        self.notice_label = QLabel("")
        self.notice_label.setObjectName("hint")
        self.notice_label.setWordWrap(True)

        self.fields: dict[str, Field] = {}

        # 接待情况
        self.channel_combo = ChoiceCombo()
        for channel, text in self._channel_names().items():
            self.channel_combo.addItem(text, channel.value)
        self.channel_combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.channel_combo.setMinimumWidth(220)
        self.hotline_edit = QLineEdit()
        self.hotline_edit.setPlaceholderText(self.tr("12345 热线工单上的编号"))
        self.hotline_label = self._label(self.tr("工单编号"))
        self.hotline_notice = QLabel("")
        self.hotline_notice.setObjectName("warning")
        self.hotline_notice.setWordWrap(True)
        self.hotline_notice.hide()
        self.people_spin = CalmSpinBox()
        self.people_spin.setRange(1, 10000)
        self.people_spin.setSuffix(self.tr(" 人"))
        self.people_spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.people_spin.setFixedWidth(120)
        self.confidential_check = QCheckBox(self.tr("群众要求保密"))
        self.confidential_check.setToolTip(self.tr("反映内容不在代表只读页面和台账导出中显示"))
        self.deputy_list = QListWidget()
        self.deputy_list.setObjectName("deputyList")
        self.deputy_list.setFlow(QListView.Flow.LeftToRight)
        self.deputy_list.setWrapping(True)
        self.deputy_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.deputy_list.setSpacing(2)
        self.deputy_list.setFixedHeight(self.fontMetrics().height() * 2 + 38)
        self.deputy_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.deputy_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.deputies_empty = _hint(self.tr("代表名册中还没有在任代表。"))
        self.deputies_empty.hide()

        reception = self._card(self.tr("接待情况"))
        grid = self._grid(reception)
        self._grid_field(grid, 0, 0, "channel", self.tr("来源渠道"), self.channel_combo)
        hotline_box = field_column(self.hotline_edit)
        self.fields["hotline_no"] = Field(self.hotline_edit, hotline_box.property("errorLabel"))
        self.hotline_box = hotline_box
        grid.addWidget(self.hotline_label, 0, 2)
        grid.addWidget(hotline_box, 0, 3)
        grid.addWidget(self.hotline_notice, 1, 1, 1, 3)
        people_row = QWidget()
        people_layout = QHBoxLayout(people_row)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.setSpacing(28)
        people_layout.addWidget(self.people_spin)
        people_layout.addWidget(self.confidential_check)
        people_layout.addStretch(1)
        people_box = field_column(people_row)
        self.fields["people"] = Field(self.people_spin, people_box.property("errorLabel"))
        people_label = self._label(self.tr("来访人数"))
        people_label.setBuddy(self.people_spin)
        grid.addWidget(people_label, 2, 0)
        grid.addWidget(people_box, 2, 1, 1, 3)
        deputies_box = QWidget()
        deputies_layout = QVBoxLayout(deputies_box)
        deputies_layout.setContentsMargins(0, 0, 0, 0)
        deputies_layout.setSpacing(3)
        deputies_layout.addWidget(self.deputy_list)
        deputies_layout.addWidget(self.deputies_empty)
        deputies_layout.addWidget(_hint(self.tr("已勾选今天值班的代表；空格键勾选或取消")))
        grid.addWidget(self._label(self.tr("在场代表")), 3, 0)
        grid.addWidget(deputies_box, 3, 1, 1, 3)

        # 来访群众
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("姓名"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("手机或固定电话"))
        self.returning_notice = QLabel("")
        self.returning_notice.setObjectName("notice")
        self.returning_notice.setWordWrap(True)
        self.returning_notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.returning_notice.hide()
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(self.tr("选填，18 位"))
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(self.tr("选填"))
        self.village_edit = QLineEdit()
        self.village_edit.setPlaceholderText(self.tr("输入或选择"))
        self._village_completer = QCompleter([], self)
        self._village_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._village_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.village_edit.setCompleter(self._village_completer)
        self._village_enter = PopupEnter(
            self._village_completer,
            lambda text: self.village_edit.setText(text) if text else None,
            lambda: self.focus_next(self.village_edit),
        )
        self.grid_combo = SearchCombo()
        self.grid_combo.lineEdit().setPlaceholderText(self.tr("输入或选择网格"))

        visitor = self._card(self.tr("来访群众"))
        grid = self._grid(visitor)
        self._grid_field(grid, 0, 0, "visitor_name", self.tr("来访群众"), self.name_edit)
        self._grid_field(grid, 0, 2, "phone", self.tr("联系电话"), self.phone_edit)
        grid.addWidget(self.returning_notice, 1, 1, 1, 3)
        self._grid_field(
            grid,
            2,
            0,
            "id_number",
            self.tr("身份证号"),
            self.id_edit,
            _hint(self.tr("保存时校验；保存后只显示部分号码")),
        )
        self._grid_field(grid, 3, 0, "address", self.tr("住址"), self.address_edit, span=3)
        self._grid_field(grid, 4, 0, "village", self.tr("村（社区）"), self.village_edit)
        self._grid_field(grid, 4, 2, "grid", self.tr("网格"), self.grid_combo)

        # issues
        self.issues_box = QVBoxLayout()
        self.issues_box.setSpacing(14)
        self.add_issue_button = QPushButton(self.tr("＋ 添加问题（Ctrl+N）"))
        self.add_issue_button.clicked.connect(lambda: self.add_issue())
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_issue_button)
        add_row.addStretch(1)

        content = QWidget()
        content.setObjectName("receptionContent")
        inner = QWidget()
        inner.setObjectName("receptionContent")
        inner.setMaximumWidth(CONTENT_MAX_WIDTH)
        centre = QHBoxLayout(content)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addStretch(0)
        centre.addWidget(inner, 1)
        centre.addStretch(0)
        column = QVBoxLayout(inner)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(keys)
        column.addWidget(self.notice_label)
        column.addSpacing(4)
        column.addWidget(reception)
        column.addWidget(visitor)
        column.addLayout(self.issues_box)
        column.addLayout(add_row)
        column.addStretch(1)
        self.content_widget = content

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll.setWidget(content)
        self.scroll.viewport().setObjectName("receptionViewport")

        # the action bar stays visible however small the window
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.draft_label = QLabel("")
        self.draft_label.setObjectName("hint")
        self.clear_button = QPushButton(self.tr("清空（Esc）"))
        self.clear_button.clicked.connect(self.ask_clear)
        self.save_button = QPushButton(self.tr("保存（Ctrl+S）"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        # After a save: the resident's receipt for the cases just registered.
        self.print_button = QPushButton(self.tr("打印回执（Ctrl+P）"))
        self.print_button.clicked.connect(self.print_receipts)
        self.print_button.hide()
        self.saved_case_ids: list[str] = []
        self.receipt_dialog: ReceiptPreviewDialog | None = None
        bar = QFrame()
        bar.setObjectName("actionBar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(32, 10, 32, 10)
        bar_layout.setSpacing(12)
        bar_layout.addWidget(self.status_label, 1)
        bar_layout.addWidget(self.draft_label)
        bar_layout.addWidget(self.print_button)
        bar_layout.addWidget(self.clear_button)
        bar_layout.addWidget(self.save_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(bar)

        self._set_hotline_visible(False)

    def _channel_names(self) -> dict[Channel, str]:
        return {
            Channel.WALK_IN: self.tr("来访"),
            Channel.PHONE: self.tr("电话"),
            Channel.QR: self.tr("扫码"),
            Channel.GRID_WORKER: self.tr("网格员/民情联络员转来"),
            Channel.HOTLINE: self.tr("12345热线转来"),
            Channel.DEPUTY_VISIT: self.tr("代表走访收集"),
            Channel.LETTER: self.tr("信件"),
            Channel.MOBILE_STATION: self.tr("流动工作站"),
        }

    def _card(self, title: str) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        layout.addWidget(heading)
        return card

    def _grid(self, card: QFrame) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(2, self._label_width)
        card.layout().addLayout(grid)
        return grid

    def _label(self, text: str) -> QLabel:
        return field_caption(text, self._label_width)

    def _grid_field(
        self,
        grid: QGridLayout,
        row: int,
        col: int,
        key: str,
        text: str,
        editor: QWidget,
        *extras: QWidget,
        span: int = 1,
    ) -> None:
        box = field_column(editor, *extras)
        self.fields[key] = Field(editor, box.property("errorLabel"))
        label = self._label(text)
        label.setBuddy(editor)
        grid.addWidget(label, row, col)
        grid.addWidget(box, row, col + 1, 1, span)

    def _connect(self) -> None:
        for editor in self._visit_editors():
            changed_signal(editor).connect(self._mark_dirty)
            self._install_keys(editor)
        for key, field in self.fields.items():
            changed_signal(field.editor).connect(
                lambda *_a, f=field, k=key: self._on_field_edited(k, f)
            )
        for button in (self.add_issue_button, self.clear_button, self.save_button):
            self._install_keys(button)
        self.grid_combo.accepted.connect(lambda: self.focus_next(self.grid_combo))
        self.channel_combo.currentIndexChanged.connect(self._on_channel_changed)
        self.grid_combo.currentIndexChanged.connect(self._on_grid_changed)
        self.phone_edit.textChanged.connect(self._schedule_resident_lookup)
        self.name_edit.textChanged.connect(self._schedule_resident_lookup)
        self.hotline_edit.textChanged.connect(self._schedule_hotline_lookup)

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._resident_timer = QTimer(self)
        self._resident_timer.setSingleShot(True)
        self._resident_timer.setInterval(LOOKUP_DELAY_MS)
        self._resident_timer.timeout.connect(self.lookup_resident)
        self._hotline_timer = QTimer(self)
        self._hotline_timer.setSingleShot(True)
        self._hotline_timer.setInterval(LOOKUP_DELAY_MS)
        self._hotline_timer.timeout.connect(self.lookup_hotline)

        shortcuts: tuple[tuple[QKeySequence, Callable[[], object]], ...] = (
            (QKeySequence("Ctrl+S"), self.save),
            (QKeySequence(Qt.Key.Key_Escape), self.ask_clear),
            (QKeySequence("Ctrl+N"), lambda: self.add_issue()),
            (QKeySequence("Ctrl+P"), self.print_receipts),
        )
        for keys, slot in shortcuts:
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._signals.changes.connect(self._on_changes)

    def _visit_editors(self) -> list[QWidget]:
        return [
            self.channel_combo,
            self.hotline_edit,
            self.people_spin,
            self.confidential_check,
            self.deputy_list,
            self.name_edit,
            self.phone_edit,
            self.id_edit,
            self.address_edit,
            self.village_edit,
            self.grid_combo,
        ]

    def _install_keys(self, widget: QWidget) -> None:
        if widget not in self._filtered:
            widget.installEventFilter(self)
            self._filtered.add(widget)
            widget.destroyed.connect(lambda *_a, w=widget: self._filtered.discard(w))

    # --- binding ---

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to an open station: load the pick lists, then offer an unsaved draft back."""
        self._ctx = ctx
        self._draft_id = None
        self._generation += 1
        QueryOp(self, lambda: load_start(ctx)).success(self._on_started).run_in_background()
        QueryOp(self, lambda: load_notice(ctx)).success(
            lambda text: self.notice_label.setText(
                self.tr("个人信息告知：{notice}").format(notice=text)
            )
        ).run_in_background()

    def is_ready(self) -> bool:
        """True once attach() has loaded the pick lists."""
        return self.reference is not None

    def _today(self) -> date:
        return self._ctx.clock().date() if self._ctx is not None else date.today()

    def _on_started(self, loaded: tuple[ReferenceData, Draft | None]) -> None:
        ref, draft = loaded
        had_input = not self.is_blank()
        self._apply_reference(ref, check_duty=not had_input)
        if draft is not None:
            self._offer_draft(draft)
        elif self.isVisible():
            self.focus_first()

    def _apply_reference(self, ref: ReferenceData, *, check_duty: bool) -> None:
        self._loading = True
        try:
            checked = set(self.deputy_ids())
            self.reference = ref
            self.deputy_list.clear()
            duty = set(ref.duty_deputy_ids)
            ordered = sorted(ref.deputies, key=lambda d: (d.id not in duty,))
            for deputy in ordered:
                item = QListWidgetItem(deputy.name)
                item.setData(Qt.ItemDataRole.UserRole, deputy.id)
                if deputy.detail:
                    item.setToolTip(deputy.detail)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = deputy.id in duty if check_duty else deputy.id in checked
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.deputy_list.addItem(item)
            has_deputies = bool(ref.deputies)
            self.deputy_list.setVisible(has_deputies)
            self.deputies_empty.setVisible(not has_deputies)
            villages = sorted({g.detail for g in ref.grids if g.detail})
            self._village_completer.model().setStringList(villages)  # type: ignore[attr-defined]
            self.grid_combo.set_choices(ref.grids)
            for block in self.issues:
                block.set_reference(ref, self._today())
        finally:
            self._loading = False

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        ctx = self._ctx
        if ctx is None or self.reference is None or not changes.touches(*REFERENCE_ENTITIES):
            return
        QueryOp(self, lambda: load_reference(ctx)).success(
            lambda ref: self._apply_reference(ref, check_duty=self.is_blank())
        ).failure(lambda exc: log.warning("reference reload failed: %s", exc)).run_in_background()

    # --- drafts ---

    def _offer_draft(self, draft: Draft) -> None:
        box = QMessageBox(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("恢复草稿"))
        box.setText(
            self.tr("发现未保存的登记草稿（{time}），是否恢复？").format(
                time=recent_time(draft.updated_at, self._today())
            )
        )
        restore = box.addButton(self.tr("恢复"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("放弃"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)

        def decided(button: QAbstractButton) -> None:
            self.draft_offer = None
            if button is restore:
                self.restore_draft(draft)
            else:
                self._confirm_discard_draft(draft)

        box.buttonClicked.connect(decided)
        self.draft_offer = box
        box.open()

    def restore_draft(self, draft: Draft) -> None:
        """Fill the form from a draft; later autosaves update the same draft."""
        self.load_form(draft.data)
        self._draft_id = draft.id
        self._dirty = False
        self.draft_label.setText(self.tr("已恢复草稿"))
        self.focus_first()

    def _confirm_discard_draft(self, draft: Draft) -> None:
        def decided(drop: bool) -> None:
            self.confirm_box = None
            if drop:
                self._discard_draft_id(draft.id)
                self.focus_first()
            else:
                self._offer_draft(draft)

        self.confirm_box = confirm_destructive(
            self,
            title=self.tr("放弃草稿"),
            text=self.tr("放弃后这份草稿将被删除，不能找回。确定放弃吗？"),
            confirm=self.tr("确定放弃"),
            cancel=self.tr("返回"),
            on_decided=decided,
        )

    def _discard_draft_id(self, draft_id: str) -> None:
        ctx = self._ctx
        if ctx is None:
            return
        Op(self, lambda: drop_draft(ctx, draft_id), self._signals).failure(
            lambda exc: log.warning("draft not discarded: %s", exc)
        ).run_in_background()

    @Slot()
    def _mark_dirty(self) -> None:
        if self._loading:
            return
        self._forget_saved()  # typing the next visit: the last one's receipt is a 补打 now
        self._dirty = True
        if not self._autosave_timer.isActive():
            self._autosave_timer.start()

    @Slot()
    def autosave(self) -> None:
        """Write the form as a draft on the DB thread (skipped while a write is in flight)."""
        ctx = self._ctx
        if ctx is None or not self._dirty or self._saving or self._draft_busy:
            return
        self._autosave_timer.stop()
        self._dirty = False
        if self.is_blank() and len(self.issues) == 1:
            if self._draft_id is not None:  # everything was deleted by hand: so is the draft
                self._discard_draft_id(self._draft_id)
                self._draft_id = None
            return
        data = self.form_data()
        draft_id, generation = self._draft_id, self._generation
        self._draft_busy = True
        Op(self, lambda: store_draft(ctx, data, draft_id), self._signals).success(
            lambda new_id: self._draft_stored(generation, new_id)
        ).failure(lambda exc: self._draft_failed(generation, exc)).run_in_background()

    def flush_draft(self) -> None:
        """Queue the unsaved typing as a draft now (before the database is closed on exit)."""
        if self._dirty:
            self.autosave()

    def _draft_stored(self, generation: int, draft_id: str) -> None:
        self._draft_busy = False
        if generation != self._generation:
            # The form was saved or cleared meanwhile: this copy must not come back later.
            self._discard_draft_id(draft_id)
        else:
            self._draft_id = draft_id
            self.draft_label.setText(self.tr("草稿已自动保存"))
        if self._dirty and not self._saving:
            self._autosave_timer.start()

    def _draft_failed(self, generation: int, exc: BaseException) -> None:
        self._draft_busy = False
        log.warning("draft not saved: %s", exc)
        if generation == self._generation:
            self._dirty = True
            self.draft_label.setText(self.tr("草稿未能自动保存"))
            self._autosave_timer.start()

    def _forget_draft(self) -> None:
        """After a save or a confirmed clear: drop the draft and ignore writes in flight."""
        self._generation += 1
        self._autosave_timer.stop()
        self._dirty = False
        if self._draft_id is not None:
            self._discard_draft_id(self._draft_id)
            self._draft_id = None
        self.draft_label.clear()

    # --- form data ---

    def deputy_ids(self) -> list[str]:
        """The checked deputies present, in list order."""
        ids = []
        for row in range(self.deputy_list.count()):
            item = self.deputy_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def channel(self) -> Channel:
        """The chosen 来源渠道."""
        return Channel(self.channel_combo.currentData())

    def form_data(self) -> dict[str, Any]:
        """The whole form exactly as typed (JSON-ready), for the draft."""
        return {
            "version": DRAFT_VERSION,
            "channel": self.channel().value,
            "hotline_no": self.hotline_edit.text(),
            "people": self.people_spin.value(),
            "confidential": self.confidential_check.isChecked(),
            "deputy_ids": self.deputy_ids(),
            "visitor_name": self.name_edit.text(),
            "phone": self.phone_edit.text(),
            "id_number": self.id_edit.text(),
            "address": self.address_edit.text(),
            "village": self.village_edit.text(),
            "grid_id": self.grid_combo.selected_id(),
            "grid_text": self.grid_combo.currentText(),
            "issues": [block.data() for block in self.issues],
        }

    def load_form(self, data: Mapping[str, Any]) -> None:
        """Fill the form from form_data() output (a restored draft)."""
        self._loading = True
        try:
            self.clear_errors()
            index = self.channel_combo.findData(str(data.get("channel", Channel.WALK_IN.value)))
            self.channel_combo.setCurrentIndex(max(index, 0))
            self.hotline_edit.setText(str(data.get("hotline_no", "")))
            try:
                self.people_spin.setValue(int(data.get("people", 1)))
            except (TypeError, ValueError):
                self.people_spin.setValue(1)
            self.confidential_check.setChecked(bool(data.get("confidential", False)))
            wanted = {str(d) for d in data.get("deputy_ids", [])}
            for row in range(self.deputy_list.count()):
                item = self.deputy_list.item(row)
                on = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.name_edit.setText(str(data.get("visitor_name", "")))
            self.phone_edit.setText(str(data.get("phone", "")))
            self.id_edit.setText(str(data.get("id_number", "")))
            self.address_edit.setText(str(data.get("address", "")))
            self.grid_combo.set_selected(data.get("grid_id"), str(data.get("grid_text", "")))
            self.village_edit.setText(str(data.get("village", "")))
            issues = [i for i in data.get("issues", []) if isinstance(i, Mapping)] or [{}]
            while len(self.issues) > len(issues):
                self._remove_block(self.issues[-1])
            while len(self.issues) < len(issues):
                self.add_issue(focus=False)
            for block, issue in zip(self.issues, issues, strict=True):
                block.load(issue)
        finally:
            self._loading = False
        self._set_hotline_visible(self.channel() is Channel.HOTLINE)
        self._renumber()
        self._resident_key = None
        self._hotline_key = None
        self.lookup_resident()
        self.lookup_hotline()

    def is_blank(self) -> bool:
        """Nothing typed: clearing needs no confirm and there is nothing to autosave."""
        typed = (
            self.hotline_edit,
            self.name_edit,
            self.phone_edit,
            self.id_edit,
            self.address_edit,
            self.village_edit,
        )
        return (
            not any(w.text().strip() for w in typed)
            and not self.grid_combo.currentText().strip()
            and self.people_spin.value() == 1
            and not self.confidential_check.isChecked()
            and self.channel() is Channel.WALK_IN
            and all(block.is_blank() for block in self.issues)
        )

    def visit_input(self) -> VisitInput:
        """The visit for register_visit, as typed (the service validates and normalises)."""
        channel = self.channel()
        return VisitInput(
            visitor_name=self.name_edit.text(),
            issues=tuple(block.to_input() for block in self.issues),
            channel=channel,
            phone=self.phone_edit.text() if self.phone_edit.text().strip() else None,
            id_number=self.id_edit.text() if self.id_edit.text().strip() else None,
            address=self.address_edit.text() or None,
            village=self.village_edit.text() or None,
            grid_id=self.grid_combo.selected_id(),
            people=self.people_spin.value(),
            hotline_no=(self.hotline_edit.text() or None) if channel is Channel.HOTLINE else None,
            confidential=self.confidential_check.isChecked(),
            deputy_ids=tuple(self.deputy_ids()),
        )

    def clear_form(self, *, keep_deputies: bool = False) -> None:
        """Back to an empty visit with one issue (defaults: 来访, 1 人, today's duty deputies)."""
        deputies = self.deputy_ids()
        self._loading = True
        try:
            self.clear_errors()
            while len(self.issues) > 1:
                self._remove_block(self.issues[-1])
            self.issues[0].load({})
            self.channel_combo.setCurrentIndex(0)
            for edit in (
                self.hotline_edit,
                self.name_edit,
                self.phone_edit,
                self.id_edit,
                self.address_edit,
                self.village_edit,
            ):
                edit.clear()
            self.grid_combo.set_selected(None)
            self.people_spin.setValue(1)
            self.confidential_check.setChecked(False)
            duty = set(self.reference.duty_deputy_ids) if self.reference else set()
            wanted = set(deputies) if keep_deputies else duty
            for row in range(self.deputy_list.count()):
                item = self.deputy_list.item(row)
                on = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._loading = False
        self._set_hotline_visible(False)
        self._renumber()
        self._resident_key = None
        self._hotline_key = None
        self.returning_notice.hide()
        self.hotline_notice.hide()
        self.scroll.verticalScrollBar().setValue(0)

    # --- issues ---

    def add_issue(self, *, focus: bool = True) -> IssueBlock | None:
        """Append an issue block (Ctrl+N); focus its first field."""
        if self._saving:
            return None
        block = IssueBlock(self._label_width)
        if self.reference is not None:
            block.set_reference(self.reference, self._today())
        block.changed.connect(self._mark_dirty)
        block.remove_requested.connect(self._ask_remove_block)
        for key, field in block.fields.items():
            changed_signal(field.editor).connect(
                lambda *_a, f=field, k=key: self._on_field_edited(k, f)
            )
        for widget in (*block.editors(), block.remove_button):
            self._install_keys(widget)
        block.track_group.buttonToggled.connect(lambda *_a: self._update_tab_order())
        for combo in (block.category, block.department, block.deputy):
            combo.accepted.connect(lambda c=combo: self.focus_next(c))
        self.issues.append(block)
        self.issues_box.addWidget(block)
        block.show()  # at once: a layout would only show it on the next event-loop pass
        self._renumber()
        self._update_tab_order()
        self._mark_dirty()
        if focus:
            self._focus(block.category)
        return block

    @Slot(object)
    def _ask_remove_block(self, block: IssueBlock) -> None:
        if block.is_blank():
            self._remove_issue(block)
            return
        box = QMessageBox(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("删除问题"))
        box.setText(self.tr("删除“{title}”及其中填写的内容？").format(title=block.title.text()))
        drop = box.addButton(self.tr("删除"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def decided(button: QAbstractButton) -> None:
            self.confirm_box = None
            if button is drop:
                self._remove_issue(block)

        box.buttonClicked.connect(decided)
        self.confirm_box = box
        box.open()

    def _remove_issue(self, block: IssueBlock) -> None:
        if len(self.issues) <= 1 or block not in self.issues:
            return
        index = self.issues.index(block)
        self._remove_block(block)
        self._renumber()
        self._update_tab_order()
        self._mark_dirty()
        self._focus(self.issues[min(index, len(self.issues) - 1)].category)

    def _remove_block(self, block: IssueBlock) -> None:
        self.issues.remove(block)
        self.issues_box.removeWidget(block)
        block.hide()
        block.deleteLater()

    def _renumber(self) -> None:
        removable = len(self.issues) > 1
        for number, block in enumerate(self.issues, start=1):
            block.set_number(number, removable)

    # --- keyboard ---

    def _sections(self) -> list[list[QWidget]]:
        reception = [
            self.channel_combo,
            self.hotline_edit,
            self.people_spin,
            self.confidential_check,
            self.deputy_list,
        ]
        visitor = [
            self.name_edit,
            self.phone_edit,
            self.id_edit,
            self.address_edit,
            self.village_edit,
            self.grid_combo,
        ]
        sections = [reception, visitor, *(block.nav_order() for block in self.issues)]
        return [[w for w in s if self._usable(w)] for s in sections]

    def _usable(self, widget: QWidget) -> bool:
        return widget.isVisibleTo(self) and widget.isEnabled()

    def nav_order(self) -> list[QWidget]:
        """The fields Enter walks through, top to bottom."""
        return [w for section in self._sections() for w in section]

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [*self._visit_editors()]
        for block in self.issues:
            chain += block.tab_order()
        chain += [self.add_issue_button, self.clear_button, self.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _owner(self, widget: QWidget) -> QWidget:
        """The field a widget belongs to (a combo box's line edit → the combo box)."""
        current: QWidget | None = widget
        while current is not None and current is not self:
            if current in self._filtered:
                return current
            current = current.parentWidget()
        return widget

    def _field_of(self, widget: QWidget, order: Sequence[QWidget]) -> int:
        owner = self._owner(widget)
        if owner in order:
            return order.index(owner)
        for block in self.issues:  # an unchecked radio button counts as its group
            if owner in block.track_buttons.values():
                button = block.track_group.checkedButton()
                if button in order:
                    return order.index(button)
        return -1

    def focus_next(self, widget: QWidget) -> None:
        """Enter: the next field; after the last one, the save button."""
        order = self.nav_order()
        index = self._field_of(widget, order)
        if index < 0:
            return
        if index + 1 < len(order):
            self._focus(order[index + 1])
        else:
            self._focus(self.save_button)

    def jump_section(self, widget: QWidget, step: int) -> None:
        """Ctrl+↓ / Ctrl+↑: the first field of the next part (or of this / the previous one)."""
        sections = [section for section in self._sections() if section]
        if not sections:
            return
        current = next(
            (i for i, section in enumerate(sections) if self._field_of(widget, section) >= 0), 0
        )
        if step < 0 and self._field_of(widget, sections[current]) > 0:
            target = current
        else:
            target = max(0, min(len(sections) - 1, current + step))
        self._focus(sections[target][0])

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to the page puts the cursor in the form (unless a question is open)."""
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if (
            self.draft_offer is None
            and self.confirm_box is None
            and not (focused is not None and self.isAncestorOf(focused))
        ):
            QTimer.singleShot(0, self.focus_first)

    def focus_first(self) -> None:
        """Put the cursor in 来访群众 (where every registration starts)."""
        self._focus(self.name_edit)

    def _focus(self, widget: QWidget, *, below: QWidget | None = None) -> None:
        """Focus widget and scroll it (and the line below it, e.g. its error) into view."""
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        # Lay out pending changes first, or the scroll position is computed from old geometry;
        # and once more after the event loop has settled every nested layout.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._reveal(widget, below)
        QTimer.singleShot(0, lambda: self._reveal(widget, below))

    def _reveal(self, widget: QWidget, below: QWidget | None) -> None:
        """Scroll so widget (with its label row above) and the line below it are in view."""
        if not isValid(self) or not isValid(widget) or not widget.isVisibleTo(self):
            return
        content = self.scroll.widget()
        if not content.isAncestorOf(widget):
            return
        top = widget.mapTo(content, QPoint(0, 0)).y() - 48
        last = below if below is not None and isValid(below) and below.isVisibleTo(self) else widget
        bottom = last.mapTo(content, QPoint(0, last.height())).y() + 56
        bar = self.scroll.verticalScrollBar()
        value = bar.value()
        if bottom - value > self.scroll.viewport().height():
            value = bottom - self.scroll.viewport().height()
        value = min(value, top)
        bar.setValue(max(0, value))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter / Ctrl+Enter move on; Ctrl+↓ / Ctrl+↑ jump between parts."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(watched, QPushButton):
                watched.click()
                return True
            if isinstance(watched, QPlainTextEdit) and not ctrl:
                return False
            if isinstance(watched, QComboBox) and watched.view().isVisible():
                return False
            if isinstance(watched, SearchCombo):
                watched.resolve()
            self._leaving(watched)
            self.focus_next(watched)
            return True
        if ctrl and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._leaving(watched)
            self.jump_section(watched, 1 if key == Qt.Key.Key_Down else -1)
            return True
        if isinstance(watched, QRadioButton) and key in _ARROW_STEP:
            for block in self.issues:
                if watched in block.track_buttons.values():
                    block.step_track(_ARROW_STEP[key])
                    return True
        return False

    def _leaving(self, widget: QWidget) -> None:
        """Work done when the clerk moves on from a field (also run on focus change)."""
        if widget in (self.phone_edit, self.name_edit):
            self.lookup_resident()
        elif widget is self.hotline_edit:
            self.lookup_hotline()

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is None or not self.isAncestorOf(old):
            return
        if new is not None and self._owner(new) is self._owner(old):
            return
        self._leaving(self._owner(old))
        if self._dirty:
            self.autosave()

    # --- look-ups ---

    @Slot()
    def _schedule_resident_lookup(self) -> None:
        if not self._loading:
            self._resident_timer.start()

    @Slot()
    def _schedule_hotline_lookup(self) -> None:
        if not self._loading:
            self._hotline_timer.start()

    def _current_resident_key(self) -> tuple[str, str] | None:
        """By a valid phone number, else by the name (namesakes are possible)."""
        phone = normalised_phone(self.phone_edit.text())
        if phone:
            return ("phone", phone)
        name = self.name_edit.text().strip()
        return ("name", name) if name else None

    @Slot()
    def lookup_resident(self) -> None:
        """Show the earlier cases of the resident being typed (by valid phone, else by name)."""
        self._resident_timer.stop()
        ctx = self._ctx
        key = self._current_resident_key()
        if key == self._resident_key:
            return
        self._resident_key = key
        if ctx is None or key is None:
            self.returning_notice.hide()
            return
        by, value = key
        QueryOp(self, lambda: resident_cases(ctx, by, value)).success(
            lambda rows: self._show_resident(key, rows)
        ).failure(lambda exc: log.warning("resident lookup failed: %s", exc)).run_in_background()

    def _show_resident(self, key: tuple[str, str], rows: list[CaseRow]) -> None:
        if key != self._resident_key:
            return  # the clerk typed on; a newer look-up is coming
        if not rows:
            self.returning_notice.hide()
            return
        numbers = "、".join(r.case_no for r in rows[:MAX_LISTED_CASES])
        if len(rows) > MAX_LISTED_CASES:
            numbers += self.tr(" 等")
        count = str(len(rows)) if len(rows) < RESIDENT_LOOKUP_LIMIT else f"{len(rows)}+"
        if key[0] == "phone":
            text = self.tr("该群众以前反映过 {n} 件：{cases}").format(n=count, cases=numbers)
        else:
            text = self.tr(
                "同名群众以前反映过 {n} 件：{cases}（按姓名查到，请核对是否同一人）"
            ).format(n=count, cases=numbers)
        lines = []
        for row in rows[:20]:
            excerpt = self.tr("（保密）") if row.confidential else row.excerpt
            lines.append(f"{row.case_no}  {row.registered_at:%Y-%m-%d}  {excerpt}")
        self.returning_notice.setText(text)
        self.returning_notice.setToolTip("\n".join(lines))
        self.returning_notice.show()

    @Slot()
    def lookup_hotline(self) -> None:
        """Warn when the 12345 work-order number is already on file."""
        self._hotline_timer.stop()
        ctx = self._ctx
        number = self.hotline_edit.text().strip() if self.channel() is Channel.HOTLINE else ""
        if number == (self._hotline_key or ""):
            return
        self._hotline_key = number
        if ctx is None or not number:
            self.hotline_notice.hide()
            return
        QueryOp(self, lambda: hotline_case_numbers(ctx, number)).success(
            lambda found: self._show_hotline(number, found)
        ).failure(lambda exc: log.warning("hotline lookup failed: %s", exc)).run_in_background()

    def _show_hotline(self, number: str, found: list[str]) -> None:
        if number != self._hotline_key:
            return
        if not found:
            self.hotline_notice.hide()
            return
        self.hotline_notice.setText(
            self.tr("这个工单编号已经登记过：{cases}。请确认不是重复登记。").format(
                cases="、".join(found)
            )
        )
        self.hotline_notice.show()

    # --- field reactions ---

    @Slot()
    def _on_channel_changed(self) -> None:
        hotline = self.channel() is Channel.HOTLINE
        self._set_hotline_visible(hotline)
        if not hotline:
            self._hotline_key = None
            self.hotline_notice.hide()
        elif not self._loading:
            self.lookup_hotline()

    def _set_hotline_visible(self, on: bool) -> None:
        self.hotline_label.setVisible(on)
        self.hotline_box.setVisible(on)
        if not on:
            self.hotline_notice.hide()

    @Slot()
    def _on_grid_changed(self) -> None:
        if self._loading or self.reference is None:
            return
        grid_id = self.grid_combo.selected_id()
        for grid in self.reference.grids:
            if grid.id == grid_id and grid.detail:
                self.village_edit.setText(grid.detail)
                break

    def _on_field_edited(self, _key: str, field: Field) -> None:
        if not self._loading:
            field.clear_error()

    # --- errors ---

    def _field(self, name: str) -> Field | None:
        match = _ISSUE_FIELD.fullmatch(name)
        if match:
            index, key = int(match[1]), match[2]
            if index < len(self.issues):
                return self.issues[index].fields.get(key)
            return None
        return self.fields.get(name)

    def field_error(self, name: str) -> str:
        """The error shown at a field ("visitor_name", "issues[1].content" …), "" when none."""
        field = self._field(name)
        return field.error_text(self) if field is not None else ""

    def clear_errors(self) -> None:
        """Hide every error line and the form-level message."""
        for field in self.fields.values():
            field.clear_error()
        for block in self.issues:
            block.clear_errors()

    def _show_status(self, text: str, kind: str) -> None:
        self.status_label.setText(text)
        self.status_label.setObjectName({"ok": "savedMessage", "error": "formError"}.get(kind, ""))
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)

    # --- save and clear ---

    @Slot()
    def save(self) -> None:
        """Ctrl+S: validate in the service on the DB thread; the result shows after COMMIT."""
        ctx = self._ctx
        if ctx is None or self._saving:
            return
        self.clear_errors()
        not_found = self.tr("列表中没有这一项，请从列表中选择，或清空此项。")
        first_bad: Field | None = None
        if not self.grid_combo.resolve():
            first_bad = self.fields["grid"]
            first_bad.show_error(not_found)
        for block in self.issues:
            for key in block.unresolved():
                block.fields[key].show_error(not_found)
                first_bad = first_bad or block.fields[key]
        if first_bad is not None:
            self._show_status(self.tr("没有保存：请先改正标红的项目。"), "error")
            self._focus(first_bad.editor, below=first_bad.error)
            return
        visit = self.visit_input()
        self._focus_before_save = QApplication.focusWidget()
        self._saving = True
        self._autosave_timer.stop()
        self.content_widget.setEnabled(False)
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("正在保存…"))
        self._show_status(self.tr("正在保存…"), "")
        draft_id = self._draft_id
        Op(self, lambda: save_visit(ctx, visit, draft_id), self._signals).success(
            self._on_saved
        ).failure(self._on_save_failed).run_in_background()

    def _end_saving(self) -> None:
        self._saving = False
        self.content_widget.setEnabled(True)
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("保存（Ctrl+S）"))

    def _on_saved(self, result: RegisteredVisit) -> None:
        self._end_saving()
        numbers = "、".join(case.case_no for case in result.cases)
        self._show_status(self.tr("已保存：案件编号 {cases}").format(cases=numbers), "ok")
        self._forget_draft()
        self.clear_form(keep_deputies=True)
        self.saved_case_ids = [case.id for case in result.cases]
        self.print_button.show()
        self.focus_first()
        emit(self.saved, result)

    @Slot()
    def print_receipts(self) -> None:
        """Ctrl+P after a save: preview and print the receipts of the visit just saved."""
        ctx = self._ctx
        if ctx is None or not self.saved_case_ids or self.receipt_dialog is not None:
            return
        dialog = ReceiptPreviewDialog(ctx, self._signals, self.saved_case_ids, parent=self)
        dialog.printed.connect(self._receipts_printed)
        dialog.finished.connect(self._receipt_dialog_closed)
        self.receipt_dialog = dialog
        dialog.open()

    def _receipts_printed(self, text: str) -> None:
        self._show_status(text, "ok")
        self._forget_saved()  # printed once; another copy is a 补打 from the case window

    def _forget_saved(self) -> None:
        if self.saved_case_ids:
            self.saved_case_ids = []
            self.print_button.hide()

    def _receipt_dialog_closed(self) -> None:
        self.receipt_dialog = None
        self.focus_first()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._end_saving()
        field = self._field(exc.field) if isinstance(exc, ValidationError) and exc.field else None
        if field is not None:
            field.show_error(message_for(exc))
            self._show_status(self.tr("没有保存：请先改正标红的项目。"), "error")
            self._focus(field.editor, below=field.error)
        else:
            self._show_status(
                self.tr("没有保存：{reason}").format(reason=message_with_field(exc)), "error"
            )
            before = self._focus_before_save
            if before is not None and isValid(before) and self.isAncestorOf(before):
                before.setFocus()
        if self._dirty:
            self._autosave_timer.start()

    @Slot()
    def ask_clear(self) -> None:
        """Esc: clear the form after a confirm (nothing to confirm on an empty form)."""
        if self._saving or self.confirm_box is not None or self.draft_offer is not None:
            return
        if self.is_blank():
            self.clear_form()
            self._forget_draft()
            self.focus_first()
            return
        focused = QApplication.focusWidget()

        def decided(drop: bool) -> None:
            self.confirm_box = None
            if drop:
                self.clear_form()
                self._forget_draft()
                self._show_status("", "")
                self.focus_first()
            elif focused is not None and self.isAncestorOf(focused):
                focused.setFocus()

        self.confirm_box = confirm_destructive(
            self,
            title=self.tr("清空登记"),
            text=self.tr("清空本次登记？已填写的内容将被删除，不能找回。"),
            confirm=self.tr("清空"),
            cancel=self.tr("取消"),
            on_decided=decided,
            icon=QMessageBox.Icon.Question,
        )
