"""代表名册: the roster with photos and filters, a deputy's card, edit, photo and status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt, Slot
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.enums import LEVEL_NAMES, DeputyLevel
from stationdesk.domain.permissions import Action, allowed
from stationdesk.ui.dialogs import NOTE_MAX, FormDialog
from stationdesk.ui.errors import message_for
from stationdesk.ui.formatting import deputy_status_name
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.reference import Choice
    from stationdesk.services.roster import DeputyDetail, DeputySummary

STATUSES = ("serving", "term_ended", "transferred")
THUMB = QSize(36, 48)
PHOTO = QSize(150, 200)


@dataclass(frozen=True, slots=True)
class RosterView:
    """What the page shows: the filtered roster, its photos, and the grids to filter by."""

    deputies: list[DeputySummary]
    photos: dict[str, bytes]
    grids: tuple[Choice, ...] | None  # None: unchanged since the last load


def _load(
    ctx: ServiceContext, filters: dict[str, object], known: dict[str, bytes], with_grids: bool
) -> RosterView:
    from stationdesk.services.reference import reference_data
    from stationdesk.services.roster import list_deputies, photo_bytes

    deputies = list_deputies(ctx, **filters)  # type: ignore[arg-type]
    photos = {}
    for d in deputies:
        if d.photo_sha256 and d.photo_sha256 in known:  # photos are content-addressed
            photos[d.photo_sha256] = known[d.photo_sha256]
        elif d.photo_sha256 and d.photo_sha256 not in photos:
            data = photo_bytes(ctx, d.photo_sha256)
            if data:
                photos[d.photo_sha256] = data
    return RosterView(deputies, photos, reference_data(ctx).grids if with_grids else None)


def _detail(ctx: ServiceContext, deputy_id: str) -> DeputyDetail:
    from stationdesk.services.roster import get_deputy

    return get_deputy(ctx, deputy_id)


def _set_photo(ctx: ServiceContext, deputy_id: str, raw: bytes) -> ChangeSet:
    from stationdesk.services.roster import set_photo

    return set_photo(ctx, deputy_id, raw)


def _set_status(ctx: ServiceContext, deputy_id: str, status: str, on: date, note: str) -> ChangeSet:
    from stationdesk.services.roster import set_status

    return set_status(ctx, deputy_id, status, on, note)


def level_title(level: DeputyLevel) -> str:
    """The level as a title, e.g. 县(区)人大代表."""
    return QCoreApplication.translate("RosterPage", "{level}人大代表").format(
        level=LEVEL_NAMES[level]
    )


def pixmap(data: bytes | None, size: QSize) -> QPixmap:
    """A photo scaled into size (aspect kept), or an empty grey frame."""
    picture = QPixmap()
    if data and picture.loadFromData(data):
        return picture.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    blank = QPixmap(size)
    blank.fill(Qt.GlobalColor.lightGray)
    return blank


class StatusDialog(FormDialog):
    """变更状态: 在任 / 届满 / 调离 from a date, with a note kept in the history."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("StatusDialog", "变更代表状态"),
            QCoreApplication.translate(
                "StatusDialog", "届满或调离后，这位代表此后未签到的值班会一并取消。"
            ),
            QCoreApplication.translate("StatusDialog", "确定"),
            parent,
        )
        self.status = QComboBox()
        for key in STATUSES:
            if key != current:
                self.status.addItem(deputy_status_name(key), key)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("如：调往县城工作（选填）"))
        self.form.addRow(self.tr("变更为"), self.status)
        self.form.addRow(self.tr("日期"), self.on)
        self.form.addRow(self.tr("说明"), self.note)


class DeputyCard(QFrame):
    """The selected deputy: photo, identity, levels, grids, 联选民, commitment, history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFixedWidth(320)
        self.photo = QLabel()
        self.photo.setFixedSize(PHOTO)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLabel("")
        self.name.setObjectName("sectionTitle")
        self.lines = QLabel("")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.name, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.lines)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_nothing()

    def show_nothing(self) -> None:
        """No deputy selected."""
        self.photo.setPixmap(pixmap(None, PHOTO))
        self.name.setText(self.tr("请选择一位代表"))
        self.lines.setText("")

    def show_deputy(self, d: DeputyDetail, photo: bytes | None) -> None:
        """Fill the card."""
        s = d.summary
        self.photo.setPixmap(pixmap(photo, PHOTO))
        gender = {"male": self.tr("男"), "female": self.tr("女")}.get(s.gender or "", "")
        self.name.setText(f"{s.name}（{gender}）" if gender else s.name)
        parts = [self.tr("状态：{s}").format(s=deputy_status_name(s.status))]
        for t in d.terms:
            where = f"，{t.constituency}" if t.constituency else ""
            parts.append(f"{level_title(t.level)}：{t.term}{where}")
        for label, value in (
            (self.tr("单位及职务"), s.unit),
            (self.tr("职业"), s.occupation),
            (self.tr("专业小组"), s.professional_group),
            (self.tr("公开联系方式"), s.public_contact),
            (self.tr("手机号码"), s.phone_masked),
            (self.tr("联系网格"), "、".join(s.grids)),
            (self.tr("下次值班"), f"{s.next_duty:%Y-%m-%d}" if s.next_duty else ""),
        ):
            if value:
                parts.append(f"{label}：{value}")
        if d.contacts:
            people = "；".join(
                self.tr("{name} {n} 户").format(name=c.name, n=c.households) for c in d.contacts
            )
            parts.append(self.tr("联选民：{people}").format(people=people))
        if s.commitment:
            parts.append(self.tr("亮承诺：{text}").format(text=s.commitment))
        if d.history:
            parts.append(self.tr("状态记录："))
            for h in d.history:
                line = f"  {h.changed_on:%Y-%m-%d} {deputy_status_name(h.status)} {h.note or ''}"
                parts.append(line.rstrip())
        self.lines.setText("\n".join(parts))


class RosterPage(QWidget):
    """The roster; clerks and admins edit, deputies read."""

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPage")
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self.view = RosterView([], {}, ())
        self._grids_stale = True
        self.detail: DeputyDetail | None = None
        self.dialog: QDialog | None = None
        title = QLabel(self.tr("代表名册"))
        title.setObjectName("pageTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("pageSubtitle")

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("姓名、单位或专业小组"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.level = QComboBox()
        self.level.addItem(self.tr("全部层级"), None)
        for lv in DeputyLevel:
            self.level.addItem(level_title(lv), lv.value)
        self.grid = QComboBox()
        self.grid.addItem(self.tr("全部网格"), None)
        self.status = QComboBox()
        self.status.addItem(deputy_status_name("serving"), "serving")
        self.status.addItem(self.tr("全部状态"), None)
        self.status.addItem(deputy_status_name("term_ended"), "term_ended")
        self.status.addItem(deputy_status_name("transferred"), "transferred")
        for combo in (self.level, self.grid, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.level, 1)
        filters.addWidget(self.grid, 1)
        filters.addWidget(self.status, 1)

        self.add_button = QPushButton(self.tr("新增代表"))
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_deputy)
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.photo_button = QPushButton(self.tr("更换照片…"))
        self.photo_button.clicked.connect(self.choose_photo)
        self.status_button = QPushButton(self.tr("变更状态…"))
        self.status_button.clicked.connect(self.change_status)
        self.board_button = QPushButton(self.tr("打印公示牌…"))
        self.board_button.clicked.connect(self.print_board)
        self.import_button = QPushButton(self.tr("从 Excel 导入…"))
        self.import_button.clicked.connect(self.import_excel)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.photo_button, self.status_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.board_button)

        # The grids and the commitment are on the card beside the table.
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("照片"), self.tr("姓名"), self.tr("代表层级"), self.tr("选区"),
                self.tr("单位及职务"), self.tr("下次值班"), self.tr("状态"),
            ]
        )  # fmt: skip
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setIconSize(THUMB)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB.height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.card = DeputyCard()

        self.message = QLabel("")
        self.message.setWordWrap(True)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.table, 1)
        body.addWidget(self.card)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        signals.changes.connect(self._on_changes)

    # --- binding ------------------------------------------------------------------------------

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the signed-in user; deputies get no edit buttons."""
        self._ctx = ctx
        can_edit = allowed(ctx.actor.role, Action.EDIT_ROSTER)
        for button in (
            self.add_button, self.edit_button, self.photo_button, self.status_button,
            self.import_button,
        ):  # fmt: skip
            button.setVisible(can_edit)
        self.refresh()

    def detach(self) -> None:
        """Signed out: forget everything shown."""
        self._ctx = None
        self._grids_stale = True
        self.view = RosterView([], {}, ())
        self.detail = None
        self.table.setRowCount(0)
        self.card.show_nothing()

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches("grid"):
            self._grids_stale = True
        if changes.touches("deputy", "duty_shift", "grid") and self._ctx is not None:
            self.refresh()

    def filters(self) -> dict[str, object]:
        """The filter bar as list_deputies arguments."""
        level = self.level.currentData()
        return {
            "level": DeputyLevel(level) if level else None,
            "grid_id": self.grid.currentData(),
            "status": self.status.currentData(),
            "text": self.search.text(),
        }

    def refresh(self) -> None:
        """Reload the roster (DB thread)."""
        ctx = self._ctx
        if ctx is None:
            return
        filters = self.filters()
        known = dict(self.view.photos)
        # The grid list is loaded once and again only when grids change, not per keystroke.
        with_grids, self._grids_stale = self._grids_stale, False
        QueryOp(self, lambda: _load(ctx, filters, known, with_grids)).success(self._show).failure(
            self._failed
        ).run_in_background()

    # --- showing ------------------------------------------------------------------------------

    def _show(self, view: RosterView) -> None:
        keep = self.selected_id()
        if view.grids is None:
            view = RosterView(view.deputies, view.photos, self.view.grids)
        else:
            self._fill_grids(view.grids)
        self.view = view
        self.count_label.setText(self.tr("共 {n} 名").format(n=len(view.deputies)))
        self.table.setRowCount(len(view.deputies))
        for row, d in enumerate(view.deputies):
            photo = QTableWidgetItem()
            photo.setIcon(QIcon(pixmap(view.photos.get(d.photo_sha256 or ""), THUMB)))
            self.table.setItem(row, 0, photo)
            levels = "、".join(LEVEL_NAMES[lv] for lv in d.levels)
            cells = (
                d.name, levels, d.constituency or "", d.unit or "",
                f"{d.next_duty:%m月%d日}" if d.next_duty else "",
                deputy_status_name(d.status),
            )  # fmt: skip
            for col, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
            if keep == d.id:
                self.table.selectRow(row)
        if keep is None or keep not in {d.id for d in view.deputies}:
            self.card.show_nothing()
            self.detail = None
        else:  # the same deputy stays selected: show what was just saved, not the old card
            self._load_detail(keep)

    def _fill_grids(self, grids: tuple[Choice, ...]) -> None:
        current = self.grid.currentData()
        wanted = [(g.name, g.id) for g in grids]
        shown = [
            (self.grid.itemText(i), self.grid.itemData(i)) for i in range(1, self.grid.count())
        ]
        if wanted == shown:
            return
        self.grid.blockSignals(True)
        while self.grid.count() > 1:
            self.grid.removeItem(1)
        for name, gid in wanted:
            self.grid.addItem(name, gid)
        self.grid.setCurrentIndex(max(0, self.grid.findData(current)))
        self.grid.blockSignals(False)

    def selected_id(self) -> str | None:
        """The selected deputy's id."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.view.deputies):
            return None
        return self.view.deputies[rows[0].row()].id

    def select(self, deputy_id: str) -> None:
        """Select a deputy's row (if listed)."""
        for row, d in enumerate(self.view.deputies):
            if d.id == deputy_id:
                self.table.selectRow(row)

    def _on_selected(self) -> None:
        deputy_id = self.selected_id()
        if deputy_id is not None:
            self._load_detail(deputy_id)

    def _load_detail(self, deputy_id: str) -> None:
        ctx = self._ctx
        if ctx is None:
            return
        QueryOp(self, lambda: _detail(ctx, deputy_id)).success(self._show_detail).failure(
            self._failed
        ).run_in_background()

    def _show_detail(self, detail: DeputyDetail) -> None:
        self.detail = detail
        self.card.show_deputy(detail, self.view.photos.get(detail.summary.photo_sha256 or ""))

    def _failed(self, exc: BaseException) -> None:
        show_message(self.message, message_for(exc), error=True)

    def _done(self, text: str) -> None:
        show_message(self.message, text)

    # --- actions ------------------------------------------------------------------------------

    @Slot()
    def add_deputy(self) -> None:
        """新增代表."""
        self._open_form(None)

    @Slot()
    def edit_selected(self) -> None:
        """编辑 the selected deputy."""
        if self.detail is not None and self.detail.summary.id == self.selected_id():
            self._open_form(self.detail)

    def _open_form(self, detail: DeputyDetail | None) -> None:
        from stationdesk.ui.deputy_dialog import DeputyDialog

        ctx = self._ctx
        if ctx is None or not allowed(ctx.actor.role, Action.EDIT_ROSTER):
            return
        dialog = DeputyDialog(ctx, self._signals, self.view.grids or (), detail, self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: QDialog) -> None:
        from stationdesk.ui.deputy_dialog import DeputyDialog

        assert isinstance(dialog, DeputyDialog)
        self._done(self.tr("已保存 {name} 的信息。").format(name=dialog.name.text().strip()))
        if dialog.saved_id:
            self.select(dialog.saved_id)

    @Slot()
    def choose_photo(self) -> None:
        """更换照片: pick an image file; it is cropped to 3:4 and stored in the database."""
        if self.selected_id() is None:
            show_message(self.message, error=True, text=self.tr("请先在左边选择一位代表。"))
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择代表照片"), "", self.tr("图片 (*.jpg *.jpeg *.png *.bmp *.webp)")
        )
        if path:
            self.apply_photo(Path(path))

    def apply_photo(self, path: Path) -> None:
        """Store the photo from path for the selected deputy."""
        ctx, deputy_id = self._ctx, self.selected_id()
        if ctx is None or deputy_id is None:
            return
        try:
            raw = path.read_bytes()
        except OSError:
            show_message(
                self.message, error=True, text=self.tr("无法读取这个文件：{path}").format(path=path)
            )
            return
        Op(self, lambda: _set_photo(ctx, deputy_id, raw), self._signals).success(
            lambda _r: self._done(self.tr("照片已更新。"))
        ).failure(self._failed).run_in_background()

    @Slot()
    def change_status(self) -> None:
        """变更状态 of the selected deputy (history kept)."""
        ctx, detail = self._ctx, self.detail
        if ctx is None or detail is None or detail.summary.id != self.selected_id():
            return
        dialog = StatusDialog(detail.summary.status, self)
        self.dialog = dialog

        def submit() -> None:
            status = str(dialog.status.currentData())
            on = dialog.on.date().toPython()
            note = dialog.note.text()
            deputy_id = detail.summary.id

            def done(_r: object) -> None:
                dialog.accept()
                self._done(
                    self.tr("{name} 的状态已改为{status}。").format(
                        name=detail.summary.name, status=deputy_status_name(status)
                    )
                )

            Op(self, lambda: _set_status(ctx, deputy_id, status, on, note), self._signals).success(
                done
            ).failure(lambda exc: dialog.show_error(message_for(exc))).run_in_background()

        dialog.submitted.connect(submit)
        dialog.open()

    @Slot()
    def print_board(self) -> None:
        """打印公示牌: the 亮身份 board from the roster (serving deputies)."""
        from stationdesk.ui.document_output import board_dialog

        ctx = self._ctx
        if ctx is None:
            return
        self.dialog = board_dialog(self, ctx)

    @Slot()
    def import_excel(self) -> None:
        """从 Excel 导入: template, dry run, then all-or-nothing."""
        from stationdesk.ui.roster_import_dialog import RosterImportDialog

        ctx = self._ctx
        if ctx is None:
            return
        self.dialog = RosterImportDialog(ctx, self._signals, self)
        self.dialog.open()
