@area:cart
Feature: The session cart (api/cart/add, api/cart/edit, api/cart/remove, api/cart/products)
  Each API session has a cart of its own, which a client fills before it checks out: `api/cart/add` adds a product
  with its options, `api/cart/edit` and `api/cart/remove` change a line named by its cart key (`cart_id`), and
  `api/cart/products` lists the lines, the gift vouchers bought in the session and the totals so far. A line's price
  is shown with its taxes, or before them where the store shows prices without tax (System > Settings > Option >
  Display Prices With Tax, `config_tax`); the totals are the same either way.
  See the operations `cartAdd`, `cartEdit`, `cartRemove` and `cartProducts` in openapi.yaml, and their pages in the
  living documentation (`npm run docs`: reports/docs/routes/<operation>.html).

  @route:cart/add
  Rule: a product is added with its quantity, and with every required option in the option[ID] encoding

    @route:cart/products @id:cart-add-simple @must
    Scenario: a product without options is added with its quantity
      Given I am logged in
      When I add 2 of the "simple" product to the cart
      Then the answer is the "Success" variant
      And the cart holds 2 of the "simple" product at its unit price

    @id:cart-add-message @should
    Scenario: adding a product says the cart was modified
      Given I am logged in
      When I add 1 of the "simple" product to the cart
      Then the answer is a success saying the "cartSuccess" message

    @route:cart/products @id:cart-add-every-option-type @must
    Scenario: a product is added with a value for every type of option
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart with every option
      Then the answer is the "Success" variant
      And the cart holds 2 of the "with every option type" product at its price with every option
      And the cart line of the "with every option type" product shows every option chosen

    @route:cart/products @id:cart-add-option-missing @must
    Scenario Outline: the <option> option left out refuses the product, naming that option only
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart without its "<option>" option
      Then the answer is the "RequiredOptionsMissing" variant
      And the cart add names only the "<option>" option of the "with every option type" product as missing
      And the cart holds no "with every option type" product

      Examples:
        | option   |
        | checkbox |
        | select   |
        | radio    |
        | text     |
        | textarea |
        | date     |
        | time     |
        | datetime |
        | file     |

    @id:cart-add-option-missing-message @should
    Scenario Outline: the refusal names the <option> option in the store's language
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart without its "<option>" option
      Then the error names the "<option>" option of the "with every option type" product as required

      Examples:
        | option   |
        | select   |
        | datetime |

    @route:cart/products @id:cart-add-options-all-missing @must
    Scenario: a product sent without its options is refused with every required option named at once
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart
      Then the answer is the "RequiredOptionsMissing" variant
      And the cart add names every option of the "with every option type" product as missing
      And the cart holds no "with every option type" product

    @route:cart/products @id:cart-add-option-empty @must
    Scenario: an option sent with an empty value counts as left out
      Given I am logged in
      When I add 1 of the "with a required select" product to the cart with its "select" option sent empty
      Then the answer is the "RequiredOptionsMissing" variant
      And the cart add names only the "select" option of the "with a required select" product as missing
      And the cart holds no "with a required select" product

    @id:cart-add-unknown-product @must
    Scenario: a product the store does not sell is refused
      Given I am logged in
      When I add 1 of the "unknown" product to the cart
      Then the answer is the "ProductNotInStore" variant
      And the error keys are "store"

    @id:cart-add-unknown-product-message @should
    Scenario: the refusal of a product the store does not sell says so in the store's language
      Given I am logged in
      When I add 1 of the "unknown" product to the cart
      Then the error "store" is the "cartStore" message

    @route:cart/products @id:cart-add-no-product @must
    Scenario Outline: a request naming no product (<case>) answers an empty list and changes nothing
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When <request>
      Then the answer is an empty list
      And the cart holds only:
        | product | quantity |
        | simple  | 1        |

      Examples:
        | case                        | request                                                      |
        | only a quantity             | I add a quantity but no product to the cart                  |
        | the product in the query    | I add the "not shippable" product to the cart in the query string |

  @route:cart/add @route:cart/products
  Rule: the quantity is not validated: it defaults to 1, is read as an integer, and adds to a line of the same product and options

    @id:cart-add-quantity-default @must
    Scenario: a product sent without a quantity is added once
      Given I am logged in
      When I add the "simple" product to the cart without a quantity
      Then the answer is the "Success" variant
      And the cart holds 1 of the "simple" product at its unit price

    @id:cart-add-quantity-not-positive @must
    Scenario Outline: a quantity of <quantity> is accepted, but no line shows in the cart
      Given I am logged in
      When I add the "simple" product to the cart with the quantity "<quantity>"
      Then the answer is the "Success" variant
      And the cart holds no "simple" product

      Examples:
        | quantity |
        | 0        |
        | -1       |
        | abc      |

    @id:cart-add-quantity-negative-subtracts @must
    Scenario: a negative quantity subtracts from the line of the same product
      Given I am logged in
      And my cart holds 3 of the "simple" product
      When I add the "simple" product to the cart with the quantity "-1"
      Then the answer is the "Success" variant
      And the cart holds 2 of the "simple" product at its unit price

    @id:cart-add-same-product-merges @must
    Scenario: the same product added twice makes one line with both quantities
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I add 2 of the "simple" product to the cart
      Then the answer is the "Success" variant
      And the cart holds 3 of the "simple" product at its unit price

    @id:cart-add-other-options-new-line @must
    Scenario: the same product with other option values makes a line of its own
      Given I am logged in
      When I add 1 of the "with a required select" product to the cart with every option, once for each value of its "select" option
      Then the answer is the "Success" variant
      And the cart holds one line of the "with a required select" product for each value of its "select" option

    @id:cart-add-empty-option-dropped @must
    Scenario: an option sent empty is dropped, so the line merges with the line without options
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I add 1 of the "simple" product to the cart with the "select" option of the "with every option type" product sent empty
      Then the answer is the "Success" variant
      And the cart holds 2 of the "simple" product at its unit price

    @id:cart-add-foreign-option @must
    Scenario: an option the product does not have makes a line of its own, which shows no option
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I add 1 of the "simple" product to the cart with the "select" option of the "with every option type" product
      Then the answer is the "Success" variant
      And the cart holds 2 lines of the "simple" product, none showing an option

    @id:cart-add-foreign-option-value @must
    Scenario: a value that is not one of the option's values is kept, but neither shown nor priced
      Given I am logged in
      When I add 1 of the "with a required select" product to the cart with its "select" option set to a value of the "with every option type" product
      Then the answer is the "Success" variant
      And the cart holds 1 of the "with a required select" product at its unit price
      And the cart holds 1 line of the "with a required select" product, none showing an option
      When I add 1 of the "with a required select" product to the cart with its "select" option set to another value of the "with every option type" product
      Then the answer is the "Success" variant
      And the cart holds 2 lines of the "with a required select" product, none showing an option

    @id:cart-add-checkbox-single-value @must
    Scenario: a checkbox value sent as a single value rather than a list is kept but not shown
      Given I am logged in
      When I add 2 of the "with every option type" product to the cart with every option, its checkbox sent as a single value
      Then the answer is the "Success" variant
      And the cart line of the "with every option type" product shows every option chosen but the "checkbox"

  @route:cart/add @route:cart/products
  Rule: the batch form product[i][...] replaces the whole cart
    OpenCart 3.0.5.0 empties the cart before it adds the products of a batch.

    @id:cart-add-batch-replaces @must
    Scenario: a batch empties the cart, then adds every item with its options
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I replace the cart with a batch of:
        | product                | quantity | options      |
        | not shippable          | 1        |              |
        | with a required select | 2        | every option |
      Then the answer is the "Success" variant
      And the cart holds only:
        | product                | quantity |
        | not shippable          | 1        |
        | with a required select | 2        |
      And the cart line of the "with a required select" product shows every option chosen

    @id:cart-add-batch-skips-plain-item @must
    Scenario: a batch with an item that is a plain value, not a list of fields, is answered with documented JSON
      Given I am logged in
      When I replace the cart with a batch whose first item is not a list, then:
        | product       | quantity |
        | not shippable | 1        |
      Then the answer is documented JSON
      And my session still works

    @id:cart-add-after-batch-keeps @must
    Scenario: a single product added after a batch joins the batch's lines
      Given I am logged in
      And I replace the cart with a batch of:
        | product       | quantity | options |
        | not shippable | 1        |         |
      When I add 1 of the "simple" product to the cart
      Then the answer is the "Success" variant
      And the cart holds only:
        | product       | quantity |
        | not shippable | 1        |
        | simple        | 1        |

  @route:cart/edit @route:cart/products
  Rule: a line's quantity is changed by its cart key, and a key of no line of this cart changes nothing

    @id:cart-edit-quantity @must
    Scenario: a line's quantity is changed by its cart key, and the line is priced for it
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      When I change the quantity of my "simple" line to 3
      Then the answer is the "Success" variant
      And the cart holds 3 of the "simple" product at its unit price
      And the cart holds only:
        | product     | quantity |
        | simple      | 3        |
        | with points | 1        |

    @id:cart-edit-to-nothing @must
    Scenario Outline: a quantity of <quantity> takes the line out of the cart
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      When I change the quantity of my "simple" line to <quantity>
      Then the answer is the "Success" variant
      And the cart holds only:
        | product     | quantity |
        | with points | 1        |

      Examples:
        | quantity |
        | 0        |
        | -1       |

    @id:cart-edit-unknown-key @must
    Scenario: a cart key no session has is answered with success and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I change the quantity of a cart key no session has to 5
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |

    @id:cart-edit-other-session-key @must
    Scenario: another session's cart key is answered with success and changes neither cart
      Given I am logged in
      And another session is logged in
      And my cart holds 2 of the "simple" product
      And the other session's cart holds 1 of the "with points" product
      When I change the quantity of the other session's "with points" line to 5
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |
      And the other session's cart holds only:
        | product     | quantity |
        | with points | 1        |

    @id:cart-edit-no-fields @must
    Scenario: a request without key and quantity is answered with success and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I call "api/cart/edit"
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |

    @id:cart-edit-message @should
    Scenario: a change of quantity says the cart was modified
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I change the quantity of my "simple" line to 1
      Then the answer is a success saying the "cartSuccess" message

    @id:cart-edit-drops-shipping-method @must
    Scenario: after a change of quantity the totals no longer carry the shipping chosen before
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And the "flat" shipping method is chosen
      And the cart totals show the "flat" shipping line
      When I change the quantity of my "simple" line to 2
      Then the cart totals show no "flat" shipping line

  @route:cart/products @route:cart/remove
  Rule: a line is removed by its cart key, and a key of no line of this cart changes nothing

    @id:cart-remove-line @must
    Scenario: removing a line by its cart key removes that line only
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      When I remove my "simple" line from the cart
      Then the answer is the "Success" variant
      And the cart holds only:
        | product     | quantity |
        | with points | 1        |

    @id:cart-remove-twice @must
    Scenario: removing the same line again is answered with success and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      And I remove my "simple" line from the cart
      When I remove my "simple" line from the cart again
      Then the answer is the "Success" variant
      And the cart holds only:
        | product     | quantity |
        | with points | 1        |

    @id:cart-remove-unknown-key @must
    Scenario: a cart key no session has is answered with success and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I remove a cart key no session has
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |

    @id:cart-remove-other-session-key @must
    Scenario: another session's cart key is answered with success and removes nothing from either cart
      Given I am logged in
      And another session is logged in
      And my cart holds 2 of the "simple" product
      And the other session's cart holds 1 of the "with points" product
      When I remove the other session's "with points" line from my cart
      Then the answer is the "Success" variant
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |
      And the other session's cart holds only:
        | product     | quantity |
        | with points | 1        |

    @id:cart-remove-no-key @must
    Scenario: a request without a key answers an empty list and changes nothing
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I call "api/cart/remove"
      Then the answer is an empty list
      And the cart holds only:
        | product | quantity |
        | simple  | 2        |

    @id:cart-remove-message @should
    Scenario: removing a line says the cart was modified
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I remove my "simple" line from the cart
      Then the answer is a success saying the "cartSuccess" message

  @route:cart/products
  Rule: the cart lists its lines at their prices, and its totals add up

    @id:cart-products-empty @must
    Scenario: a new session's cart has no lines, and totals of zero
      Given I am logged in
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart has no lines and its totals are zero

    @id:cart-products-lines @must
    Scenario: every line shows its product, and is priced at its unit price times its quantity
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with a required select" product with every option
      And my cart holds 3 of the "not shippable" product
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And each cart line shows its product's name, model, shipping and reward points
      And every line total of the cart is its price times its quantity
      And the cart holds 2 of the "simple" product at its unit price
      And the cart holds 1 of the "with a required select" product at its unit price
      And the cart holds 3 of the "not shippable" product at its unit price

    @id:cart-products-totals @must
    Scenario: the Sub-Total is the lines' prices before tax, and the Total what the lines cost with tax
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 1 of the "with points" product
      And my cart holds 3 of the "not shippable" product
      When I call "api/cart/products"
      Then the cart Sub-Total is the sum of the lines' prices before tax
      And the cart totals add up

    @id:cart-products-totals-with-gift-voucher @must
    Scenario: a gift voucher bought in this session counts in the Sub-Total and the Total
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I buy a gift voucher of 25 for "Bob", within the store's limits
      When I call "api/cart/products"
      Then the cart lists 1 gift voucher
      And the cart holds the gift voucher bought for "Bob"
      And the cart Sub-Total is the sum of the lines' prices before tax
      And the cart totals add up

    @id:cart-products-totals-titles @should
    Scenario: the totals are titled Sub-Total first and Total last
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I call "api/cart/products"
      Then the cart totals begin with the Sub-Total line and end with the Total line

    @id:cart-products-get @must
    Scenario: the cart is read with GET as well
      Given I am logged in
      And my cart holds 2 of the "simple" product
      When I read the cart with GET
      Then the answer is the "CartContents" variant
      And every line total of the cart is its price times its quantity

  @route:cart/products
  Rule: the cart warns of a line short of stock, and of a product below its minimum quantity
    The stock warning is given by a store that does not sell beyond its stock (System > Settings > Option > Stock
    Checkout off, `config_stock_checkout`, as installed), or that sells beyond it and warns about it (Display Out Of
    Stock Warning on, `config_stock_warning`). A store that sells beyond its stock without the warning shows every line
    in stock: the scenarios of the warning are not applicable there, and `cart-products-stock-one-more` judges it. The
    minimum is counted over all lines of a product.

    @id:cart-products-stock-warning @must
    Scenario: a line above the stock is accepted, then marked out of stock with a warning
      Given the store warns of a line beyond its stock
      And I am logged in
      And my cart holds 1 of the "simple" product
      And my cart holds more of the "with a required select" product than its stock
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the error keys are "stock"
      And the cart line of the "with a required select" product is out of stock
      And the cart line of the "simple" product is in stock

    @id:cart-products-stock-warning-message @should
    Scenario: the stock warning says so in the store's language
      Given the store warns of a line beyond its stock
      And I am logged in
      And my cart holds more of the "with a required select" product than its stock
      When I call "api/cart/products"
      Then the error "stock" is the "cartStock" message

    @id:cart-products-no-warning @must
    Scenario: a cart within stock and minimums has no warning
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And my cart holds 2 of the "with every option type" product with every option
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart reports no warning

    @id:cart-products-minimum-warning @must
    Scenario: a product below its minimum quantity is accepted, then warned about
      Given I am logged in
      And my cart holds 1 of the "with every option type" product with every option
      And my cart holds as many of the "simple" product as the "with every option type" product's minimum
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the error keys are "minimum"
      And the minimum warning is given once for each line of the "with every option type" product
      And the cart line of the "with every option type" product is in stock

    @id:cart-products-minimum-over-lines @must
    Scenario: the minimum quantity is counted over all lines of the product
      Given I am logged in
      And my cart holds 1 of the "with every option type" product with every option, once for each value of its "checkbox" option
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart reports no warning

    @id:cart-products-minimum-warning-message @should
    Scenario: the minimum warning names the product and its minimum in the store's language
      Given I am logged in
      And my cart holds 1 of the "with every option type" product with every option
      When I call "api/cart/products"
      Then the minimum warning names the "with every option type" product and its minimum

  @route:cart/products
  Rule: a line is priced for its options and for the quantity of all lines of its product
    A line's unit price is the product's price — its quantity discount for the customer group when all lines of the
    product together reach the discount's quantity, or its special — with each option value's price added (`+`) or
    taken away (`-`). The points needed to buy a line with reward points are likewise the product's points with each
    option value's points added or taken away, times the quantity (api/reward/maximum sums them). A product without
    reward points for the customer group shows `reward: 0`. The "priced by quantity" product is untaxed, so its prices
    show as they are.

    @id:cart-price-option-adds-or-takes @must
    Scenario: an option value adds to the unit price or takes from it
      Given I am logged in
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Red"
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Blue"
      When I call "api/cart/products"
      Then each line of the "priced by quantity" product is priced for its "select" value
      And the cart totals add up

    @id:cart-price-quantity-discount-over-lines @must
    Scenario: the quantity discount counts the quantity of every line of the product
      Given I am logged in
      And my cart holds the quantity discount's quantity of the "priced by quantity" product, split over the values of its "select" option
      When I call "api/cart/products"
      Then each line of the "priced by quantity" product is priced at the quantity discount for its "select" value
      And the cart totals add up

    @id:cart-price-quantity-discount-own-lines-only @must
    Scenario: lines of other products do not count towards a product's quantity discount
      Given I am logged in
      And my cart holds one less than the quantity discount's quantity of the "priced by quantity" product
      And my cart holds as many of the "simple" product as the quantity discount's quantity of the "priced by quantity" product
      When I call "api/cart/products"
      Then each line of the "priced by quantity" product is priced for its "select" value

    @route:reward/maximum @id:cart-points-option-adds-or-takes @must
    Scenario: the points to buy a line count its option value's points, times its quantity
      Given I am logged in
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Red"
      And my cart holds 2 of the "priced by quantity" product with its "select" option "Blue"
      When I call "api/reward/maximum"
      Then the reward maximum counts each line of the "priced by quantity" product at its points for its "select" value

  @route:cart/products
  Rule: a line is in stock while the product's stock covers its quantity
    (or always, where the store sells beyond its stock without a warning)

    @id:cart-products-stock-all @must
    Scenario: a line of exactly the product's stock is in stock, without a warning
      Given I am logged in
      And my cart holds all the stock of the "priced by quantity" product
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart reports no warning
      And the cart line of the "priced by quantity" product is in stock

    @id:cart-products-stock-one-more @must
    Scenario: a line of one more than the product's stock is out of stock with the warning, or in stock without one where the store sells beyond its stock without a warning
      Given I am logged in
      And my cart holds more of the "priced by quantity" product than its stock
      When I call "api/cart/products"
      Then the answer is the "CartContents" variant
      And the cart line of the "priced by quantity" product is marked as the store's stock settings say

  Rule: two sessions never see each other's carts

    @route:cart/add @route:cart/products @id:cart-sessions-isolated @must
    Scenario: what one session adds, the other does not see
      Given I am logged in
      And another session is logged in
      When I add 1 of the "simple" product to the cart
      And the other session adds 2 of the "with points" product to its cart
      Then the cart holds only:
        | product | quantity |
        | simple  | 1        |
      And the other session's cart holds only:
        | product     | quantity |
        | with points | 2        |
