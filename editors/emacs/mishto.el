;;; mishto.el --- nXML mode finds mishto's schema  -*- lexical-binding: t -*-

;; Load this file from your init file, with the path of your copy of
;; the repository:
;;
;;   (load "/path/to/mishto/editors/emacs/mishto.el")
;;
;; It puts schemas.xml, beside it, first in `rng-schema-locating-files',
;; so a document whose root is in the namespace urn:mishto:1 is checked
;; against schema/mishto.rnc as you type, wherever the document is.
;; C-c C-s C-w says which schema a buffer uses.

;;; Code:

(defconst mishto-schema-locating-file
  (expand-file-name "schemas.xml"
                    (file-name-directory (or load-file-name buffer-file-name)))
  "The schema locating rules of mishto documents.")

(defvar rng-schema-locating-files)     ; rng-loc.el's, once it is loaded

(with-eval-after-load 'rng-loc
  (add-to-list 'rng-schema-locating-files mishto-schema-locating-file))

(provide 'mishto)

;;; mishto.el ends here
